"""`manage.py seed_demo`: a marketplace to click through, or to load-test with.

The demo accounts and their organisations go through the services like any other write. The
bulk does not: the services validate and save one row at a time, far too slow for 100,000
vendors, so `marketplace.demo_data` generates only rows that pass the models' validation (the
tests run `full_clean()` on them) and they are inserted in chunks.

Idempotent: demo rows have deterministic keys (`demo-vendor-000123`, `demo-company-000007`, a
request's `RFP-DEMO-000045` reference) and each row comes from its own seeded random generator,
so a second run adds nothing and a larger N adds only the rows still missing. Existing accounts
are left alone, password included.
"""

import random
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from operator import itemgetter

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.db.models import Max
from django.db.models.functions import Right
from django.utils import timezone
from tqdm import tqdm

from companies.choices import Role
from companies.models import Company, User
from companies.services import company_create, email_address_verified_set, membership_create
from marketplace import demo_data
from marketplace.choices import Currency
from marketplace.models import (
    Certification,
    ExchangeRate,
    MatchRun,
    OutsourcingRequest,
    Sector,
    Skill,
    Vendor,
    VendorExpertise,
)
from marketplace.selectors import exchange_rate_to_cad
from marketplace.services.matching import match_run_start
from marketplace.services.matching.loading import skill_lexicon
from marketplace.services.matching.snapshot import vendors_changed
from marketplace.services.requests import (
    DEFAULT_PROPOSAL_PERIOD,
    request_create,
    request_publish,
)
from marketplace.services.vendors import vendor_create
from marketplace.tenders.demo import tender_history_seed

ADMIN_USERNAME = "admin"
VENDOR_SLUG = "demo-vendor-{:06d}"
COMPANY_SLUG = "demo-company-{:06d}"
# Companies do not scale with N: a few dozen buyers posting many requests is what a demo needs.
DEMO_COMPANIES = 40
SEED = "norte-demo"
CHUNK_SIZE = 5000  # rows generated and inserted per step (and per progress-bar tick)
PROGRESS_FROM = 5000  # fewer rows to create than this: no progress bar


class Command(BaseCommand):
    help = (
        "Load demo accounts, Canadian vendors, Mexican companies and their outsourcing requests. "
        f"Idempotent; every demo account's password is {demo_data.DEMO_PASSWORD}."
    )

    def add_arguments(self, parser):
        parser.add_argument("--vendors", type=int, default=60, help="Demo vendors wanted.")
        parser.add_argument("--requests", type=int, default=30, help="Demo requests wanted.")
        parser.add_argument(
            "--no-matching",
            action="store_true",
            help=(
                "Do not queue match runs for published requests that have none (large N); "
                "implies --no-tenders, since publishing a request ranks vendors for it."
            ),
        )
        parser.add_argument(
            "--no-tenders",
            action="store_true",
            help="Leave out the tender history (invitations, proposals, awards, reviews).",
        )

    def handle(
        self,
        *args,
        vendors: int,
        requests: int,
        verbosity: int,
        no_matching: bool,
        no_tenders: bool,
        **options,
    ):
        if vendors < 0 or requests < 0:
            raise CommandError("--vendors and --requests take a number of rows, 0 or more.")
        self.show_progress = verbosity > 0
        with transaction.atomic():
            admin = self.ensure_admin()
            company, showcase_vendors = self.ensure_showcase(admin)
            self.ensure_accounts(company, showcase_vendors)
            self.load_reference_data()
            created_vendors = self.seed_vendors(vendors, admin)
            vendors_changed(None)  # inserted in bulk, without signals: workers read all again
            created_companies, companies = self.seed_companies(company)
            created_requests = self.seed_requests(requests, companies)
            histories = None
            if not (no_tenders or no_matching):
                histories = tender_history_seed(
                    companies=companies,
                    showcase_vendor=showcase_vendors["approved"],
                    skills_by_sector=self.skills_by_sector,
                    certification_names=self.certification_names,
                    cad_per_unit=self.cad_per_unit,
                )
                self.ensure_misfiled_example(company)
            queued_runs = 0 if no_matching else self.queue_matching()
        self.stdout.write(
            f"Demo data: created {created_vendors} vendors, {created_companies} companies and "
            f"{created_requests} requests (wanted {vendors} vendors and {requests} requests); "
            f"queued {queued_runs} match runs."
        )
        if histories is not None:
            tenders, awards = histories
            self.stdout.write(
                f"Tender history: created {tenders.created} requests ({tenders.existing} were "
                f"there already{self.left_out(tenders)})."
            )
            self.stdout.write(
                f"Award history: created {awards.created} requests ({awards.existing} were "
                f"there already{self.left_out(awards)})."
            )
        self.print_accounts(company, showcase_vendors)

    @staticmethod
    def left_out(history) -> str:
        if not history.left_out:
            return ""
        return f"; {history.left_out} need more demo vendors that fit them, see --vendors"

    def ensure_misfiled_example(self, company: Company) -> None:
        """The showcase company's request filed under the wrong sector, published as its owner
        would (which queues its ranking): the demo shows matching read its real sector."""
        example = demo_data.MISFILED_REQUEST
        if company.requests.filter(title=example["title"]).exists():
            return
        owner = company.memberships.filter(role=Role.OWNER).select_related("user").first()
        if owner is None:
            return
        draft = request_create(
            actor=owner.user,
            company=company,
            **{**example, "sector": Sector.objects.get(slug=example["sector"])},
        )
        request_publish(request=draft, actor=owner.user)

    def queue_matching(self) -> int:
        """A match run for every published request that has none, as publishing would have
        queued; the runs execute when the transaction commits (in-process without a broker)."""
        unmatched = OutsourcingRequest.objects.filter(
            status=OutsourcingRequest.Status.PUBLISHED, match_runs__isnull=True
        )
        for request in unmatched:
            match_run_start(request=request, trigger=MatchRun.Trigger.PUBLISH)
        return len(unmatched)

    def ensure_admin(self) -> User:
        admin = User.objects.filter(username=ADMIN_USERNAME).first()
        if admin is None:
            admin = User.objects.create_superuser(
                ADMIN_USERNAME, f"{ADMIN_USERNAME}@norte.example", demo_data.DEMO_PASSWORD
            )
            email_address_verified_set(user=admin)
            return admin
        if not admin.is_staff:
            raise CommandError(f"User {ADMIN_USERNAME} exists but is not staff; refusing to seed.")
        return admin

    def ensure_showcase(self, admin: User) -> tuple[Company, dict[str, Vendor]]:
        """The demo accounts' organisations, created through the services as staff would."""
        spec = demo_data.SHOWCASE_COMPANY
        company = Company.objects.filter(slug=spec["slug"]).first()
        if company is None:
            company = company_create(actor=admin, **spec)
        vendors = {}
        for key, spec in demo_data.SHOWCASE_VENDORS.items():
            vendors[key] = Vendor.objects.filter(slug=spec["slug"]).first()
            if vendors[key] is None:
                expertise = [
                    {"sector": Sector.objects.get(slug=slug), "level": level, "years": years}
                    for slug, level, years in spec["expertise"]
                ]
                vendors[key] = vendor_create(
                    actor=admin,
                    **{
                        **spec,
                        "skills": Skill.objects.filter(slug__in=spec["skills"]),
                        "certifications": Certification.objects.filter(
                            slug__in=spec["certifications"]
                        ),
                        "expertise": expertise,
                    },
                )
        return company, vendors

    def ensure_accounts(self, company: Company, vendors: dict[str, Vendor]) -> None:
        for username, role, organisation in demo_data.DEMO_ACCOUNTS:
            if not User.objects.filter(username=username).exists():
                # Demo people are placed in their organisations directly: on the site a person
                # joins only by accepting an invitation.
                user = User.objects.create_user(
                    username=username,
                    email=f"{username}@norte.example",
                    password=demo_data.DEMO_PASSWORD,
                )
                # Demo accounts log in at once: their (unreachable) addresses count as verified.
                email_address_verified_set(user=user)
                membership_create(
                    user=user,
                    organisation=company if organisation == "company" else vendors[organisation],
                    role=role,
                )

    def load_reference_data(self) -> None:
        """The sectors, skills, certifications and exchange rates (from the migrations) that
        demo rows refer to."""
        self.sector_ids = dict(Sector.objects.values_list("slug", "id"))
        missing = set(demo_data.SECTOR_ORDER) - set(self.sector_ids)
        if missing:
            raise CommandError(f"Sectors {sorted(missing)} are missing: run `migrate` first.")
        skills = list(Skill.objects.select_related("sector").order_by("slug"))
        self.skill_ids = {skill.slug: skill.id for skill in skills}
        self.skills_by_sector = {slug: [] for slug in demo_data.SECTOR_ORDER}
        for skill in skills:
            if skill.sector and skill.sector.slug in self.skills_by_sector:
                self.skills_by_sector[skill.sector.slug].append(
                    demo_data.SkillName(
                        skill.slug,
                        skill.name,
                        skill.name_es or skill.name,
                        skill.name_fr or skill.name,
                    )
                )
        certifications = Certification.objects.values_list("slug", "id", "name")
        self.certification_ids = {slug: id_ for slug, id_, _ in certifications}
        self.certification_names = {slug: name for slug, _, name in certifications}
        self.cad_per_unit = {}
        for currency in Currency.values:
            try:
                self.cad_per_unit[currency] = exchange_rate_to_cad(
                    currency=currency, on=timezone.localdate()
                )
            except ExchangeRate.DoesNotExist:
                continue

    def seed_vendors(self, count: int, admin: User) -> int:
        existing = set(
            Vendor.objects.filter(slug__startswith="demo-vendor-").values_list("slug", flat=True)
        )
        missing = [i for i in range(count) if VENDOR_SLUG.format(i) not in existing]
        # Business numbers are unique: a demo one that someone already registered is left out.
        taken_numbers = set(
            Vendor.objects.exclude(business_number="").values_list("business_number", flat=True)
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        described = DescribedSkills()
        chunks = [
            missing[start : start + CHUNK_SIZE] for start in range(0, len(missing), CHUNK_SIZE)
        ]
        # On PostgreSQL, writing a chunk mostly waits for the server (its COPY, the foreign keys
        # added back once at the end, see below): meanwhile a thread makes up the next
        # chunk, which is most of the Python work (reading 100,000 descriptions takes about
        # 15 s). Not on SQLite, which writes in this process: there the thread only competes
        # for the GIL (100,000 vendors were no faster with it, 36–44 s against 24–37 s).
        made_up = chunks_made_up(
            chunks,
            make=lambda chunk: self.vendor_profiles(chunk, described),
            ahead=connection.vendor == "postgresql",
        )
        with (
            self.progress(len(missing), "vendors") as bar,
            closing(made_up),
            foreign_keys_added_after(
                [
                    Vendor,
                    Vendor.skills.through,
                    Vendor.described_skills.through,
                    Vendor.certifications.through,
                    VendorExpertise,
                ]
            ),
        ):
            for chunk, (profiles, found) in zip(chunks, made_up, strict=True):
                last_id = Vendor.objects.aggregate(last=Max("id"))["last"] or 0
                insert_rows(
                    Vendor,
                    [
                        {
                            **vendor_row(
                                slug, profile, moderator=admin, now=now, taken=taken_numbers
                            ),
                            "described_unlisted_count": len(found[slug] - set(profile.skills)),
                            "listed_skill_count": len(profile.skills),
                        }
                        for slug, profile in profiles.items()
                    ],
                )
                ids = dict(Vendor.objects.filter(id__gt=last_id).values_list("slug", "id"))
                insert_rows(
                    Vendor.skills.through,
                    [
                        {"vendor_id": ids[slug], "skill_id": self.skill_ids[skill]}
                        for slug, profile in profiles.items()
                        for skill in profile.skills
                    ],
                )
                insert_rows(
                    Vendor.described_skills.through,
                    [
                        {"vendor_id": ids[slug], "skill_id": self.skill_ids[skill]}
                        for slug in profiles
                        for skill in found[slug]
                    ],
                )
                insert_rows(
                    Vendor.certifications.through,
                    [
                        {"vendor_id": ids[slug], "certification_id": self.certification_ids[c]}
                        for slug, profile in profiles.items()
                        for c in profile.certifications
                    ],
                )
                insert_rows(
                    VendorExpertise,
                    [
                        {
                            "vendor_id": ids[slug],
                            "sector_id": self.sector_ids[sector],
                            "level": level,
                            "years": years,
                        }
                        for slug, profile in profiles.items()
                        for sector, level, years in profile.expertise
                    ],
                )
                bar.update(len(chunk))
        return len(missing)

    def vendor_profiles(
        self, chunk: list[int], described: "DescribedSkills"
    ) -> tuple[dict[str, demo_data.DemoVendor], dict[str, frozenset[str]]]:
        """The demo vendors numbered `chunk` by slug, and the skills each one's descriptions
        mention. No database: it runs beside the writing of the chunk before."""
        profiles = {
            VENDOR_SLUG.format(i): demo_data.vendor_profile(
                random.Random(f"{SEED}-vendor-{i}"),
                index=i,
                skills_by_sector=self.skills_by_sector,
            )
            for i in chunk
        }
        return profiles, {slug: described.of(profile) for slug, profile in profiles.items()}

    def seed_companies(self, showcase: Company) -> tuple[int, list[tuple[Company, str]]]:
        """Create the missing demo companies. Returns how many, and the (company, kind) pairs
        demo requests go to, the showcase company first."""
        kinds = [
            demo_data.COMPANY_KIND_ORDER[i % len(demo_data.COMPANY_KIND_ORDER)]
            for i in range(DEMO_COMPANIES)
        ]
        existing = {c.slug: c for c in Company.objects.filter(slug__startswith="demo-company-")}
        taken_rfcs = set(Company.objects.values_list("rfc", flat=True))
        new = []
        for i, kind in enumerate(kinds):
            slug = COMPANY_SLUG.format(i)
            if slug not in existing:
                profile = demo_data.company_profile(
                    random.Random(f"{SEED}-company-{i}"),
                    kind=kind,
                    taken_rfcs=taken_rfcs,
                    index=i,
                )
                new.append(Company(slug=slug, **vars(profile)))
        existing.update((company.slug, company) for company in Company.objects.bulk_create(new))
        companies = [(existing[COMPANY_SLUG.format(i)], kind) for i, kind in enumerate(kinds)]
        return len(new), [(showcase, demo_data.SHOWCASE_COMPANY_KIND), *companies]

    def seed_requests(self, count: int, companies: list[tuple[Company, str]]) -> int:
        references = (
            OutsourcingRequest.objects.filter(
                description__contains=demo_data.REQUEST_REFERENCE_PREFIX
            )
            .annotate(number=Right("description", demo_data.REQUEST_REFERENCE_DIGITS))
            .values_list("number", flat=True)
        )
        existing = {int(number) for number in references if number.isdigit()}
        missing = [i for i in range(count) if i not in existing]
        buyers = {
            sector: [c for c, kind in companies if sector in demo_data.COMPANY_KINDS[kind].sectors]
            for sector in demo_data.SECTOR_ORDER
        }
        showcase = companies[0][0]
        owner = showcase.memberships.filter(role=Role.OWNER).select_related("user").first()
        showcase_sectors = demo_data.COMPANY_KINDS[demo_data.SHOWCASE_COMPANY_KIND].sectors
        now = timezone.now()
        with self.progress(len(missing), "requests") as bar:
            for start in range(0, len(missing), CHUNK_SIZE):
                chunk = missing[start : start + CHUNK_SIZE]
                rows, profiles = [], []
                for i in chunk:
                    rng = random.Random(f"{SEED}-request-{i}")
                    sector = demo_data.SECTOR_ORDER[i % len(demo_data.SECTOR_ORDER)]
                    # The showcase company gets a fair share, so its owner has requests to see.
                    if sector in showcase_sectors and rng.random() < 0.3:
                        company = showcase
                    else:
                        company = rng.choice(buyers[sector])
                    profile = demo_data.request_profile(
                        rng,
                        index=i,
                        sector=sector,
                        company_name=company.name.rsplit(", ", 1)[0],  # without "S.A. de C.V."
                        skills_by_sector=self.skills_by_sector,
                        certification_names=self.certification_names,
                        cad_per_unit=self.cad_per_unit,
                    )
                    published = i % 7 != 3  # about one request in seven is still a draft
                    rows.append(
                        OutsourcingRequest(
                            company=company,
                            author=owner.user if owner and company == showcase else None,
                            title=profile.title,
                            description=profile.description,
                            sector_id=self.sector_ids[sector],
                            budget_min=profile.budget_min,
                            budget_max=profile.budget_max,
                            currency=profile.currency,
                            team_size=profile.team_size,
                            duration_weeks=profile.duration_weeks,
                            status=OutsourcingRequest.Status.PUBLISHED
                            if published
                            else OutsourcingRequest.Status.DRAFT,
                            published_at=now if published else None,
                            # As publishing sets it: vendors have three weeks to propose.
                            proposals_due=now + DEFAULT_PROPOSAL_PERIOD if published else None,
                            **OutsourcingRequest.language_flags(profile.languages),
                        )
                    )
                    profiles.append(profile)
                created = OutsourcingRequest.objects.bulk_create(rows)
                pairs = list(zip(created, profiles, strict=True))
                insert_rows(
                    OutsourcingRequest.skills.through,
                    [
                        {"outsourcingrequest_id": request.pk, "skill_id": self.skill_ids[skill]}
                        for request, profile in pairs
                        for skill in profile.skills
                    ],
                )
                insert_rows(
                    OutsourcingRequest.required_certifications.through,
                    [
                        {
                            "outsourcingrequest_id": request.pk,
                            "certification_id": self.certification_ids[c],
                        }
                        for request, profile in pairs
                        for c in profile.required_certifications
                    ],
                )
                bar.update(len(chunk))
        return len(missing)

    def progress(self, total: int, unit: str) -> tqdm:
        return tqdm(
            total=total,
            unit=f" {unit}",
            file=sys.stderr,
            disable=not self.show_progress or total < PROGRESS_FROM,
        )

    def print_accounts(self, company: Company, vendors: dict[str, Vendor]) -> None:
        self.stdout.write(f"\nDemo accounts (password for all: {demo_data.DEMO_PASSWORD})")
        self.stdout.write(f"  {ADMIN_USERNAME:<10} Norte staff (superuser)")
        for username, role, organisation in demo_data.DEMO_ACCOUNTS:
            if organisation == "company":
                where = f"{company.name} (Mexican company)"
            else:
                vendor = vendors[organisation]
                where = f"{vendor.name} (Canadian vendor, {vendor.get_status_display().lower()})"
            self.stdout.write(f"  {username:<10} {role} of {where}")


def chunks_made_up(chunks: list[list[int]], *, make: Callable, ahead: bool) -> Iterator:
    """`make(chunk)` for each chunk, in order; with `ahead`, each chunk is made in a thread
    while the caller writes the one before."""
    if not ahead:
        yield from map(make, chunks)
        return
    with ThreadPoolExecutor(max_workers=1) as thread:
        upcoming = thread.submit(make, chunks[0]) if chunks else None
        for number in range(len(chunks)):
            made = upcoming.result()
            if number + 1 < len(chunks):
                upcoming = thread.submit(make, chunks[number + 1])
            yield made


@contextmanager
def foreign_keys_added_after(models_: list[type[models.Model]]):
    """On PostgreSQL, drop the foreign keys of `models_`' tables for the bulk load and add them
    back afterwards, as pg_restore does: adding one checks every row in a single join (0.3 s
    for the ~1,200,000 rows of 100,000 vendors), where a check per row was a third of the load
    (38 s against 25 s). Inside the seed's transaction: a failure rolls the keys back with the
    rows, and the tables stay locked until commit (seeding is not for a site under traffic)."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models_]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])",
            [tables],
        )
        keys = cursor.fetchall()
        # Checks still pending from earlier writes of the transaction (the showcase vendors)
        # would forbid the ALTER: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")


class DescribedSkills:
    """The skills a demo vendor's descriptions mention, as `vendor_described_skills_refresh`
    reads them; demo descriptions repeat, so each text is read once."""

    def __init__(self):
        self.lexicon = skill_lexicon()
        self.found: dict[str, frozenset[str]] = {}

    def of(self, profile: demo_data.DemoVendor) -> frozenset[str]:
        prose = "\n\n".join(text for text in profile.descriptions.values() if text)
        if prose not in self.found:
            self.found[prose] = frozenset(self.lexicon.find(prose))
        return self.found[prose]


def vendor_row(slug: str, profile: demo_data.DemoVendor, *, moderator: User, now, taken) -> dict:
    """A vendor's columns for `insert_rows`; a business number already `taken` is left out."""
    moderated = profile.status != Vendor.Status.PENDING
    return {
        "slug": slug,
        "name": profile.name,
        "business_number": "" if profile.business_number in taken else profile.business_number,
        "province": profile.province,
        "city": profile.city,
        **{
            field: profile.descriptions.get(field.removeprefix("description_"), "")
            for field in Vendor.DESCRIPTION_FIELDS
        },
        "website": profile.website,
        "team_size": profile.team_size,
        "hourly_rate_min": profile.hourly_rate_min,
        "hourly_rate_max": profile.hourly_rate_max,
        **Vendor.language_flags(profile.languages),
        "status": profile.status,
        "status_reason": profile.status_reason,
        "status_changed_by_id": moderator.pk if moderated else None,
        "status_changed_at": now if moderated else None,
        "created_at": now,
        "updated_at": now,
    }


def insert_rows(model: type[models.Model], rows: list[dict]) -> None:
    """INSERT `rows` ({field: value}, the same fields in each) into `model`'s table at once.

    `bulk_create` runs every value through the ORM's compiler; for 100,000 vendors and their
    ~600,000 links that costs about a minute on SQLite, this a few seconds. So the values must
    already be what the database driver takes (text, numbers, booleans, `Decimal`, datetimes
    passed through `connection.ops.adapt_datetimefield_value`), and every NOT NULL column given.

    PostgreSQL takes them with COPY: one statement streaming every row, where `executemany`
    sends (and the server parses and plans) an INSERT per row — most of a minute for 100,000
    vendors.
    """
    if not rows:
        return
    fields = list(rows[0])
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    table = quote(model._meta.db_table)
    values = itemgetter(*fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values(row))
            return
        placeholders = ", ".join(["%s"] * len(fields))
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608 — names from model metadata
            [values(row) for row in rows],
        )
