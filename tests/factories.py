"""factory-boy factories for every model tests create. Reference data (sectors, skills,
certifications, exchange rates) comes from the migrations; fetch it with `sector("igaming")`."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from knox.models import AuthToken
from knox.settings import CONSTANTS as knox_constants

from companies.choices import Role
from companies.models import Company, Membership, User
from companies.services import email_address_verified_set
from marketplace.models import (
    Certification,
    OutsourcingRequest,
    Sector,
    Skill,
    Vendor,
    VendorExpertise,
)
from marketplace.tenders.models import BidInvitation, Engagement, Proposal, Question, Review


def sector(slug: str) -> Sector:
    return Sector.objects.get(slug=slug)


def skill(slug: str) -> Skill:
    return Skill.objects.get(slug=slug)


def certification(slug: str) -> Certification:
    return Certification.objects.get(slug=slug)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()

    @factory.post_generation
    def email_verified(self, create, extracted, **kwargs):
        """Its address verified, as if its link had been clicked: everyone in the tests logs in
        (site and API) unless made with `email_verified=False`, like someone just signed up."""
        if create and extracted is not False and self.email:
            email_address_verified_set(user=self)


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Operadora Azteca {n}")
    slug = factory.Sequence(lambda n: f"operadora-azteca-{n}")
    rfc = factory.Sequence(lambda n: rfc_for(n))
    state = "JAL"
    city = "Guadalajara"
    description = "Operador de casino en línea y apuestas deportivas."


class VendorFactory(DjangoModelFactory):
    class Meta:
        model = Vendor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Maple Tech {n}")
    slug = factory.Sequence(lambda n: f"maple-tech-{n}")
    province = "ON"
    city = "Toronto"
    description_en = "We build sportsbook engines and casino platforms."
    team_size = 25
    hourly_rate_min = Decimal("80.00")
    hourly_rate_max = Decimal("140.00")
    speaks_en = True
    status = Vendor.Status.APPROVED

    @factory.post_generation
    def listed(self, create, extracted, **kwargs):
        """`listed=True`: complete enough to be approved (`listing_complete`)."""
        if create and extracted:
            listing_complete(self)


def listing_complete(vendor: Vendor) -> Vendor:
    """Complete `vendor`'s listing, as approval asks (`vendor_listing_gaps`): besides the
    factory's description, a skill and expertise in a sector."""
    vendor.skills.add(skill("sportsbook"))
    if not vendor.expertise.exists():
        VendorExpertiseFactory(vendor=vendor)
    return vendor


class VendorExpertiseFactory(DjangoModelFactory):
    class Meta:
        model = VendorExpertise

    vendor = factory.SubFactory(VendorFactory)
    sector = factory.LazyFunction(lambda: sector("sports-betting"))
    level = 4
    years = 6


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.MEMBER


class OutsourcingRequestFactory(DjangoModelFactory):
    class Meta:
        model = OutsourcingRequest

    company = factory.SubFactory(CompanyFactory)
    title = "Plataforma de apuestas deportivas"
    description = "Necesitamos un equipo para construir una casa de apuestas con momios en vivo."
    sector = factory.LazyFunction(lambda: sector("sports-betting"))
    budget_min = Decimal("1000000.00")
    budget_max = Decimal("2000000.00")
    currency = "MXN"
    team_size = 5
    duration_weeks = 20
    speaks_es = True
    proposals_due = factory.LazyFunction(lambda: timezone.now() + timedelta(days=21))


class BidInvitationFactory(DjangoModelFactory):
    """A pending invitation to a published request."""

    class Meta:
        model = BidInvitation

    request = factory.SubFactory(
        OutsourcingRequestFactory, status=OutsourcingRequest.Status.PUBLISHED
    )
    vendor = factory.SubFactory(VendorFactory)


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    request = factory.SubFactory(
        OutsourcingRequestFactory, status=OutsourcingRequest.Status.PUBLISHED
    )
    vendor = factory.SubFactory(VendorFactory)
    text = "¿Los momios en vivo vienen de un proveedor externo?"


class ProposalFactory(DjangoModelFactory):
    """A submitted proposal in the request's currency, for the request's team and duration."""

    class Meta:
        model = Proposal

    request = factory.SubFactory(
        OutsourcingRequestFactory, status=OutsourcingRequest.Status.PUBLISHED
    )
    vendor = factory.SubFactory(VendorFactory)
    price = Decimal("1500000.00")
    currency = factory.SelfAttribute("request.currency")
    duration_weeks = factory.SelfAttribute("request.duration_weeks")
    team_size = factory.SelfAttribute("request.team_size")
    approach = "Two squads: odds feeds and the bet slip."


class EngagementFactory(DjangoModelFactory):
    """An active engagement: its proposal is awarded and its request awarded."""

    class Meta:
        model = Engagement

    proposal = factory.SubFactory(
        ProposalFactory,
        status=Proposal.Status.AWARDED,
        request__status=OutsourcingRequest.Status.AWARDED,
    )
    request = factory.SelfAttribute("proposal.request")
    company = factory.SelfAttribute("proposal.request.company")
    vendor = factory.SelfAttribute("proposal.vendor")
    award_reason = "The best plan for live odds."


class ReviewFactory(DjangoModelFactory):
    """A review of a completed engagement (the vendor's totals are not moved: only the
    `review_create` service keeps them)."""

    class Meta:
        model = Review

    engagement = factory.SubFactory(EngagementFactory, status=Engagement.Status.COMPLETED)
    vendor = factory.SelfAttribute("engagement.vendor")
    company = factory.SelfAttribute("engagement.company")
    rating = 4
    text = "On time and the odds feed never dropped."


def rfc_for(n: int) -> str:
    """A valid legal-entity RFC, different for each n (letters, a date, homoclave, check digit)."""
    from stdnum.mx import rfc

    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    prefix = letters[n % 24] + letters[(n // 24) % 24] + letters[(n // 576) % 24]
    day = 1 + n % 28
    base = f"{prefix}0501{day:02d}A1"
    return base + rfc.calc_check_digit(base)


def api_token(user) -> str:
    """A new API token for `user`: the string a client sends as `Authorization: Token …`."""
    return AuthToken.objects.create(user=user)[1]


def api_token_exists(token: str) -> bool:
    """Whether `token` is still stored (knox keeps its first characters and a digest)."""
    return AuthToken.objects.filter(token_key=token[: knox_constants.TOKEN_KEY_LENGTH]).exists()
