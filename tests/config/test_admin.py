"""The admin site: branded Norte in each language, and the scheduler's internals
(django-celery-beat) kept to superusers. `admin_client` is pytest-django's client logged in as a
superuser; `staff` is a staff member who is not one."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

SCHEDULER_MODELS = [
    model for model in admin.site._registry if model._meta.app_label == "django_celery_beat"
]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def staff_with_every_scheduler_permission(staff):
    """A moderator whose groups would grant the scheduler's models: still refused."""
    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label="django_celery_beat")
    )
    return staff


def test_the_scheduler_models_are_all_there_to_hide():
    assert {model._meta.model_name for model in SCHEDULER_MODELS} >= {
        "periodictask",
        "crontabschedule",
        "intervalschedule",
        "solarschedule",
        "clockedschedule",
    }


@pytest.mark.parametrize(
    "language, header",
    [
        ("es-mx", "Administración de Norte"),
        ("en", "Norte administration"),
        ("fr-ca", "Administration de Norte"),
    ],
)
def test_the_admin_is_branded_norte_in_each_language(admin_client, language, header):
    response = admin_client.get(reverse("admin:index"), headers={"accept-language": language})

    page = response.content.decode()
    assert f"| {header}</title>" in page
    assert f">{header}</a>" in page  # the header's link to the index
    assert "Django" not in page


def test_staff_who_are_not_superusers_see_no_scheduler_in_the_index(
    client, staff_with_every_scheduler_permission
):
    client.force_login(staff_with_every_scheduler_permission)

    page = client.get(reverse("admin:index")).content.decode()

    assert reverse("admin:app_list", args=["django_celery_beat"]) not in page
    for model in SCHEDULER_MODELS:
        assert admin_url(model, "changelist") not in page


@pytest.mark.parametrize("model", SCHEDULER_MODELS, ids=lambda model: model._meta.model_name)
def test_staff_who_are_not_superusers_are_refused_the_scheduler_pages(
    client, staff_with_every_scheduler_permission, model
):
    client.force_login(staff_with_every_scheduler_permission)

    assert client.get(admin_url(model, "changelist")).status_code == 403
    assert client.get(admin_url(model, "add")).status_code == 403


def test_staff_who_are_not_superusers_get_no_scheduler_app_page(
    client, staff_with_every_scheduler_permission
):
    client.force_login(staff_with_every_scheduler_permission)

    assert client.get(reverse("admin:app_list", args=["django_celery_beat"])).status_code == 404


@pytest.mark.parametrize("model", SCHEDULER_MODELS, ids=lambda model: model._meta.model_name)
def test_superusers_still_manage_the_scheduler(admin_client, model):
    assert (
        admin_url(model, "changelist") in admin_client.get(reverse("admin:index")).content.decode()
    )
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200
