"""`manage.py load_accounts`: the accounts `make load` acts as, written to a JSON file.

`seed_demo` gives one company (two people) and one approved vendor (one person): too few for
proposals from several vendors or dashboards of several companies. This adds `load-company-N`
owners of the first demo companies and `load-vendor-N` owners of approved demo vendors, and
gives each a fresh API token, so the load test spends its time on the workload rather than on
password hashing (a log-in costs a full PBKDF2 round). Web sessions it still gets by logging in
through the site's form (load/locustfile.py), CSRF token included.

Meant for `make load`'s throwaway database: run on a database someone uses, it would add the
accounts there. Idempotent: existing load accounts are reused, their old tokens revoked.
"""

import json
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from companies.choices import Role
from companies.models import Company, User
from companies.services import api_token_create, email_address_verified_set, membership_create
from marketplace import demo_data
from marketplace.models import Vendor

# A sample of approved vendors whose profiles (page and API) the visitors open.
PROFILE_SAMPLE = 500


class Command(BaseCommand):
    help = (
        "Create load-test accounts (company and vendor owners) with fresh API tokens and write "
        "them, with a sample of approved vendors, to a JSON file (for `make load`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--companies", type=int, default=4, help="Company accounts.")
        parser.add_argument("--vendors", type=int, default=8, help="Vendor accounts.")
        parser.add_argument("--output", required=True, help="Where to write the JSON.")

    @transaction.atomic
    def handle(self, *args, companies: int, vendors: int, output: str, **options):
        demo_companies = list(
            Company.objects.filter(slug__startswith="demo-company-").order_by("slug")[:companies]
        )
        approved = Vendor.objects.filter(
            slug__startswith="demo-vendor-", status=Vendor.Status.APPROVED
        ).order_by("slug")
        demo_vendors = list(approved[:vendors])
        if len(demo_companies) < companies or len(demo_vendors) < vendors:
            raise CommandError(
                f"Wanted {companies} demo companies and {vendors} approved demo vendors, found "
                f"{len(demo_companies)} and {len(demo_vendors)}: run `seed_demo` first."
            )
        # One hash for every account: each one costs a full PBKDF2 round.
        password = make_password(demo_data.DEMO_PASSWORD)
        accounts = {
            "password": demo_data.DEMO_PASSWORD,
            "companies": [
                {**self.account(f"load-company-{i}", company, password), "company": company.pk}
                for i, company in enumerate(demo_companies)
            ],
            "vendors": [
                {**self.account(f"load-vendor-{i}", vendor, password), "vendor": vendor.pk}
                for i, vendor in enumerate(demo_vendors)
            ],
            "profiles": [
                {"id": pk, "slug": slug}
                for pk, slug in approved.values_list("pk", "slug")[:PROFILE_SAMPLE]
            ],
        }
        path = Path(output)
        path.write_text(json.dumps(accounts, indent=1))
        path.chmod(0o600)  # API tokens
        self.stdout.write(
            f"Load accounts: {companies} company and {vendors} vendor owners, tokens in {path}."
        )

    @staticmethod
    def account(username: str, organisation, password: str) -> dict:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(
                username=username, email=f"{username}@norte.example", password=password
            )
            email_address_verified_set(user=user)
            membership_create(user=user, organisation=organisation, role=Role.OWNER)
        user.auth_token_set.all().delete()
        _instance, token = api_token_create(user=user)
        return {"username": username, "token": token}
