import socket

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from marketplace.webhooks.urls_check import url_target


@pytest.fixture
def resolves_to(monkeypatch):
    """`resolves_to("10.0.0.5", ...)`: every host name resolves to those addresses."""

    def answer(*addresses):
        def getaddrinfo(host, port, *args, **kwargs):
            return [
                (
                    socket.AF_INET6 if ":" in address else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (address, port),
                )
                for address in addresses
            ]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    return answer


def refusal(url: str) -> str:
    with pytest.raises(ValidationError) as refused:
        url_target(url)
    assert refused.value.code == "unsafe_url"
    return refused.value.messages[0]


@override_settings(WEBHOOKS_ALLOW_LOOPBACK=False)
def test_production_takes_an_https_url_on_a_public_address(resolves_to):
    resolves_to("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")

    target = url_target("https://hooks.example.com/norte?x=1")

    assert (target.host, target.port, target.path) == ("hooks.example.com", 443, "/norte?x=1")
    assert target.address == "93.184.215.14"


@override_settings(WEBHOOKS_ALLOW_LOOPBACK=False)
def test_production_refuses_plain_http(resolves_to):
    resolves_to("93.184.215.14")

    assert "https://" in refusal("http://hooks.example.com/")


@override_settings(WEBHOOKS_ALLOW_LOOPBACK=False)
@pytest.mark.parametrize(
    "url",
    [
        "https://10.1.2.3/",
        "https://192.168.1.10/",
        "https://172.16.0.1/",
        "https://169.254.169.254/latest/meta-data/",
        "https://127.0.0.1/",
        "https://[::1]/",
        "https://[::ffff:10.0.0.1]/",
        "https://[fe80::1]/",
        "https://[fd00::1]/",
        "https://100.64.0.1/",
        "https://0.0.0.0/",
        "https://224.0.0.1/",
        "https://240.0.0.1/",
    ],
)
def test_production_refuses_addresses_that_are_not_public(url):
    assert "public" in refusal(url)


@override_settings(WEBHOOKS_ALLOW_LOOPBACK=False)
def test_a_host_name_resolving_to_a_private_address_is_refused(resolves_to):
    resolves_to("10.0.0.5")

    assert "public" in refusal("https://intranet.example.com/")


@override_settings(WEBHOOKS_ALLOW_LOOPBACK=False)
def test_one_private_address_among_public_ones_is_enough_to_refuse(resolves_to):
    resolves_to("93.184.215.14", "192.168.0.7")

    assert "public" in refusal("https://hooks.example.com/")


@override_settings(WEBHOOKS_ALLOW_LOOPBACK=True)
def test_the_loopback_setting_allows_127_0_0_1_and_ipv6_loopback_over_http():
    assert url_target("http://127.0.0.1:8123/hook").address == "127.0.0.1"
    assert url_target("http://[::1]:8123/hook").address == "::1"


@override_settings(WEBHOOKS_ALLOW_LOOPBACK=True)
@pytest.mark.parametrize(
    "url",
    ["http://10.0.0.1/", "http://192.168.1.1/", "http://169.254.169.254/", "http://127.0.0.2/"],
)
def test_the_loopback_setting_allows_no_other_private_address(url):
    assert "public" in refusal(url)


@override_settings(WEBHOOKS_ALLOW_LOOPBACK=True)
def test_the_loopback_setting_keeps_http_for_loopback_only(resolves_to):
    resolves_to("93.184.215.14")

    assert "https://" in refusal("http://hooks.example.com/")


def test_urls_with_credentials_or_other_schemes_are_refused():
    refusal("https://user:pass@127.0.0.1/")
    refusal("ftp://127.0.0.1/")
    refusal("file:///etc/passwd")


def test_a_host_that_does_not_resolve_is_refused(monkeypatch):
    def getaddrinfo(*args, **kwargs):
        raise socket.gaierror("no such host")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    assert "resolved" in refusal("https://nowhere.invalid/")
