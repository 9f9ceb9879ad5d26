"""Norte speaks *usted* in Spanish and *vous* in French, on every page it serves: its own catalog,
and the messages of the apps it shows (django-allauth's account pages and emails, Django's form
errors, CSRF page and admin, DRF's errors), which config/third_party_strings.py translates again
where their catalogs say *tú*."""

import gettext
import re
from pathlib import Path

import allauth
import django
import pytest
import rest_framework
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation

from tests.marketplace.web.pages import text

from .catalogs import messages

# Forms only *tú* takes: its pronouns and possessives, verbs in the second person, and the
# imperatives that open a sentence ("Crea tu cuenta"; "crea" inside one is the third person).
TU = re.compile(
    r"\b(?:tú|tu|tus|te|contigo|tuy[oa]s?|a ti|puedes|tienes|debes|quieres|necesitas|deseas|has"
    r"|eres|estás|olvidaste|recibiste|hiciste|solicitaste|creaste|podrás|recibirás|tendrás"
    r"|deberás|inténtalo|regístrate|asegúrate|conéctate|introdúcelo|ingrésalo|ponte)\b"
    r"|(?:^|[.:;!?¡¿]\s*)(?:crea|ingresa|confirma|revisa|introduce|inicia|haz|usa|elige|escribe"
    r"|intenta|verifica|cambia|vuelve|ignora|sigue|añade|agrega|selecciona|accede|copia|comprueba"
    r"|proporciona|contacta|utiliza|escoge|recuerda|pulsa|cierra)\b",
    re.IGNORECASE,
)
# *Tutoiement*: its pronouns and possessives.
TUTOIEMENT = re.compile(r"\b(?:tu|toi|ton|ta|tes|te)\b|\bt['’]", re.IGNORECASE)

LOCALE = Path(settings.BASE_DIR, "locale")
DJANGO = Path(django.__file__).parent


def _allauth_account_messages() -> set[str]:
    """allauth's messages from its account app: the one installed, without MFA, social accounts
    or sessions. Its .po says where each comes from."""
    catalog = Path(allauth.__file__).parent / "locale/es/LC_MESSAGES/django.po"
    return {
        entry["msgid"]
        for entry in messages(catalog)
        if any(_allauth_serves(where) for where in entry["locations"])
    }


def _allauth_serves(where: str) -> bool:
    """Its account app's code (forms, messages), its flash messages' templates, and the emails
    Norte did not replace; its pages' templates are all Norte's (or not routed)."""
    if where.startswith(("account/", "templates/account/messages/")):
        return True
    return (
        where.startswith("templates/account/email/") and not Path(settings.BASE_DIR, where).exists()
    )


# The apps whose messages reach Norte's pages, by the folder of their es catalog (which lists
# every message they have), and which of their messages do.
APPS = {
    "django": (DJANGO / "conf", None),
    "django.contrib.auth": (DJANGO / "contrib/auth", None),
    "django.contrib.admin": (DJANGO / "contrib/admin", None),
    "rest_framework": (Path(rest_framework.__file__).parent, None),
    "allauth": (Path(allauth.__file__).parent, _allauth_account_messages()),
}
# Django's welcome page, shown only in debug by a project without URLs.
NEVER_SERVED = {
    "Connect, get help, or contribute",
    'You are seeing this page because <a href="https://docs.djangoproject.com/en/%(version)s/ref/'
    'settings/#debug" target="_blank" rel="noopener">DEBUG=True</a> is in your settings file '
    "and you have not configured any URLs.",
}


def _apps_messages(app: str) -> list[tuple[str | None, str]]:
    """(context, msgid) of each of the app's messages that Norte may serve."""
    folder, served = APPS[app]
    with (folder / "locale/es/LC_MESSAGES/django.mo").open("rb") as compiled:
        keys = gettext.GNUTranslations(compiled)._catalog
    found = set()
    for key in keys:
        msgid = key[0] if isinstance(key, tuple) else key  # plurals are (msgid, form)
        context, _, msgid = msgid.rpartition("\x04")
        if msgid and msgid not in NEVER_SERVED and (served is None or msgid in served):
            found.add((context or None, msgid))
    return sorted(found, key=str)


def _served(language: str, context: str | None, msgid: str) -> list[str]:
    """What Norte serves for the message in `language`, each plural form included: a message
    with plurals answers ngettext, one without gettext (the other call gives back `msgid`, which
    also stands for the plural since that is only used untranslated)."""
    with translation.override(language):
        if context:
            return [translation.pgettext(context, msgid)] + [
                translation.npgettext(context, msgid, msgid, n) for n in (1, 2, 5)
            ]
        return [translation.gettext(msgid)] + [
            translation.ngettext(msgid, msgid, n) for n in (1, 2, 5)
        ]


@pytest.mark.parametrize(
    "language, address, catalog",
    [("es-mx", TU, "es_MX"), ("fr-ca", TUTOIEMENT, "fr_CA")],
    ids=["es-mx", "fr-ca"],
)
def test_norte_s_own_catalog_never_says_tu(language, address, catalog):
    familiar = [
        (entry["msgid"], translated)
        for entry in messages(LOCALE / catalog / "LC_MESSAGES/django.po")
        for translated in entry["msgstr"].values()
        if address.search(translated)
    ]

    assert familiar == []


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize(
    "language, address", [("es-mx", TU), ("fr-ca", TUTOIEMENT)], ids=["es-mx", "fr-ca"]
)
def test_the_apps_messages_norte_serves_never_say_tu(app, language, address):
    found = _apps_messages(app)
    familiar = {
        (msgid, served)
        for context, msgid in found
        for served in _served(language, context, msgid)
        if served != msgid and address.search(served)
    }

    assert found
    assert familiar == set()


def test_the_word_list_finds_what_the_apps_said():
    """What allauth and Django said before Norte translated them again."""
    for said in [
        "Crea tu cuenta.",
        "Ingresa un JSON válido.",
        "Ten paciencia, estás enviando muchas solicitudes.",
        "¿Olvidaste tu contraseña?",
        "Por favor, introdúcelo en la ventana abierta de tu navegador.",
    ]:
        assert TU.search(said), said
    for said in [
        "Cree su cuenta.",
        "Ingrese un JSON válido.",
        "Norte crea una lista; usted elige.",
    ]:
        assert not TU.search(said), said
    assert TUTOIEMENT.search("Entre ton mot de passe")
    assert not TUTOIEMENT.search("Entrez votre mot de passe")


def _page_and_mail_text() -> list[str]:
    """Everything a Spanish reader sees signing up (with mistakes first), confirming the address,
    logging in (with a wrong password first) and resetting the password: pages and emails."""
    browser = Client(headers={"accept-language": "es-mx"})
    seen = []

    def visit(method: str, url: str, data: dict | None = None) -> None:
        response = getattr(browser, method)(url, data, follow=True)
        seen.append(text(response))

    visit("get", "/accounts/signup/")
    visit(
        "post",
        "/accounts/signup/",
        {"username": "dana", "email": "not an address", "password1": "short", "password2": "other"},
    )
    visit(
        "post",
        "/accounts/signup/",
        {
            "username": "dana",
            "email": "dana@example.com",
            "password1": "12345678",
            "password2": "12345678",
        },
    )
    signup = {
        "username": "dana",
        "email": "dana@example.com",
        "password1": "maple-syrup-2026",
        "password2": "maple-syrup-2026",
    }
    visit("post", "/accounts/signup/", signup)
    confirmation = re.search(r"(/accounts/confirm-email/\S+/)", mail.outbox[0].body).group(1)
    visit("get", confirmation)
    visit("post", confirmation)
    visit("post", "/accounts/logout/")
    visit("get", "/accounts/login/")
    visit("post", "/accounts/login/", {"login": "dana", "password": "wrong"})
    visit("get", "/accounts/password/reset/")
    visit("post", "/accounts/password/reset/", {"email": "dana@example.com"})
    reset = re.search(r"(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body).group(1)
    visit("get", reset)
    visit(
        "post",
        browser.get(reset, follow=True).request["PATH_INFO"],
        {"password1": "x", "password2": "y"},
    )
    for message in mail.outbox:
        seen += [message.subject, message.body, *(html for html, _ in message.alternatives)]
    return seen


@pytest.mark.django_db
def test_the_account_pages_and_emails_speak_usted():
    seen = _page_and_mail_text()

    assert EmailAddress.objects.filter(email="dana@example.com", verified=True).exists()
    assert [message.subject for message in mail.outbox] == [
        "Confirme su dirección de correo en Norte",
        "Restablezca su contraseña de Norte",
    ]
    assert any("contraseña" in page for page in seen)  # the pages were in Spanish
    assert [match.group() for page in seen for match in TU.finditer(page)] == []
