"""Give every account made before django-allauth its address as allauth's EmailAddress row.

Verified, not left unverified: with ACCOUNT_EMAIL_VERIFICATION = "mandatory" an unverified
account can neither log in on the site nor get an API token, so every existing person would be
locked out at deploy until they clicked a link they never asked for. These addresses have been
receiving Norte's password resets and invitations all along; whoever has used one since is its
owner as far as Norte can tell. Only the oldest account of an address shared by several (nothing
stopped it before) gets it verified, since a verified address belongs to one account: the others
get an unverified row, sign in with their username and are sent a link, which the address's
verified owner cannot lose to them. Accounts with no address get no row and cannot log in on
the site until staff give them one (the admin's "Email addresses").
"""

from django.db import migrations


def email_addresses_create(apps, schema_editor):
    User = apps.get_model("companies", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    verified = set(
        EmailAddress.objects.filter(verified=True).values_list("email", flat=True)
    )
    has_row = set(EmailAddress.objects.values_list("user_id", flat=True))
    rows = []
    for user_id, email in (
        User.objects.exclude(email="").order_by("pk").values_list("pk", "email").iterator()
    ):
        email = email.strip().lower()
        if user_id in has_row or not email:
            continue
        rows.append(
            EmailAddress(user_id=user_id, email=email, primary=True, verified=email not in verified)
        )
        verified.add(email)
    EmailAddress.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0005_invitation_sent_at_single_line_names"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.RunPython(email_addresses_create, migrations.RunPython.noop, elidable=True),
    ]
