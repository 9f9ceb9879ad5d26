from marketplace.webhooks.signing import signature_header, signature_verify

SECRET = "whsec_test"
BODY = b'{"id":1,"type":"proposal.submitted"}'
NOW = 1_800_000_000


def test_a_signed_body_verifies_with_the_same_secret():
    header = signature_header(secret=SECRET, body=BODY, timestamp=NOW)

    assert header.startswith(f"t={NOW},v1=")
    assert signature_verify(secret=SECRET, body=BODY, header=header, now=NOW + 10)


def test_a_tampered_body_does_not_verify():
    header = signature_header(secret=SECRET, body=BODY, timestamp=NOW)

    assert not signature_verify(secret=SECRET, body=BODY + b" ", header=header, now=NOW)


def test_another_secret_does_not_verify():
    header = signature_header(secret=SECRET, body=BODY, timestamp=NOW)

    assert not signature_verify(secret="whsec_other", body=BODY, header=header, now=NOW)


def test_a_delivery_older_than_five_minutes_is_refused_as_a_replay():
    header = signature_header(secret=SECRET, body=BODY, timestamp=NOW)

    assert signature_verify(secret=SECRET, body=BODY, header=header, now=NOW + 300)
    assert not signature_verify(secret=SECRET, body=BODY, header=header, now=NOW + 301)


def test_a_fresh_timestamp_cannot_be_put_on_an_old_signature():
    old = signature_header(secret=SECRET, body=BODY, timestamp=NOW)
    forged = old.replace(f"t={NOW}", f"t={NOW + 3600}")

    assert not signature_verify(secret=SECRET, body=BODY, header=forged, now=NOW + 3600)


def test_a_malformed_header_does_not_verify():
    for header in ["", "t=abc,v1=00", f"t={NOW}", "v1=00"]:
        assert not signature_verify(secret=SECRET, body=BODY, header=header, now=NOW)
