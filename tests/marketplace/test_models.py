"""Marketplace rules the database enforces even when code skips validation, plus the small
domain helpers on the models (working languages, exchange rates)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from marketplace.matching.weights import STRONG_MATCH_SCORE
from marketplace.models import (
    ExchangeRate,
    MatchResult,
    MatchRun,
    OutsourcingRequest,
    SectorRelation,
    Vendor,
    VendorExpertise,
)
from marketplace.selectors import exchange_rate_to_cad

from ..factories import CompanyFactory, OutsourcingRequestFactory, VendorFactory, sector

pytestmark = pytest.mark.django_db


def vendor_fields(**overrides):
    return {
        "name": "Maple Odds",
        "slug": "maple-odds",
        "province": "ON",
        "city": "Toronto",
        "team_size": 10,
        "hourly_rate_min": Decimal("80"),
        "hourly_rate_max": Decimal("120"),
        "speaks_en": True,
        **overrides,
    }


def request_fields(company, **overrides):
    return {
        "company": company,
        "title": "Casa de apuestas",
        "description": "Momios en vivo.",
        "sector": sector("sports-betting"),
        "budget_min": Decimal("100000"),
        "budget_max": Decimal("200000"),
        "currency": "MXN",
        "team_size": 4,
        "duration_weeks": 12,
        "speaks_es": True,
        **overrides,
    }


def refuses(model, **fields):
    """Insert a row straight into the database; the constraint must stop it."""
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


def constraint_messages(instance) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.messages


# --- Vendors ------------------------------------------------------------------------------------


def test_a_vendor_rate_minimum_cannot_exceed_the_maximum():
    refuses(Vendor, **vendor_fields(hourly_rate_min=Decimal("150"), hourly_rate_max=Decimal("100")))
    assert not Vendor.objects.exists()


def test_bulk_create_cannot_store_inverted_rates_either():
    row = Vendor(**vendor_fields(hourly_rate_min=Decimal("150"), hourly_rate_max=Decimal("100")))
    with pytest.raises(IntegrityError), transaction.atomic():
        Vendor.objects.bulk_create([row])
    assert not Vendor.objects.exists()


def test_a_vendor_rate_must_be_positive():
    refuses(Vendor, **vendor_fields(hourly_rate_min=Decimal("0")))


def test_a_vendor_team_has_at_least_one_person():
    refuses(Vendor, **vendor_fields(team_size=0))


def test_a_vendor_works_in_at_least_one_language():
    refuses(Vendor, **vendor_fields(speaks_en=False))


def test_full_clean_reports_the_vendor_constraint_messages():
    vendor = Vendor(
        **vendor_fields(
            hourly_rate_min=Decimal("150"), hourly_rate_max=Decimal("100"), speaks_en=False
        )
    )
    messages = constraint_messages(vendor)
    assert "The minimum rate cannot exceed the maximum rate." in messages
    assert "A vendor works in at least one language." in messages


def test_two_vendors_cannot_share_a_business_number():
    VendorFactory(business_number="123456782")
    refuses(Vendor, **vendor_fields(business_number="123456782"))
    assert Vendor.objects.filter(business_number="123456782").count() == 1


def test_many_vendors_may_leave_the_business_number_blank():
    VendorFactory(business_number="")
    Vendor.objects.create(**vendor_fields(business_number=""))
    assert Vendor.objects.filter(business_number="").count() == 2


def test_full_clean_reports_a_duplicate_business_number():
    VendorFactory(business_number="123456782")
    vendor = Vendor(**vendor_fields(business_number="123456782"))
    assert constraint_messages(vendor) == ["A vendor with this business number already exists."]


def test_full_clean_refuses_a_business_number_with_a_wrong_check_digit():
    vendor = Vendor(**vendor_fields(business_number="123456789"))
    with pytest.raises(ValidationError) as caught:
        vendor.full_clean()
    assert caught.value.message_dict == {
        "business_number": ["The business number 123456789 has a wrong check digit."]
    }


def test_a_vendor_lists_its_languages_in_a_fixed_order():
    vendor = Vendor(**vendor_fields(speaks_en=True, speaks_es=True))
    assert vendor.languages == ["en", "es"]
    vendor.languages = ["es", "fr"]
    assert (vendor.speaks_en, vendor.speaks_fr, vendor.speaks_es) == (False, True, True)
    assert vendor.languages == ["fr", "es"]


def test_a_vendor_refuses_an_unknown_language_code():
    vendor = Vendor(**vendor_fields())
    with pytest.raises(ValueError, match="de"):
        vendor.languages = ["en", "de"]
    assert vendor.languages == ["en"]


def test_a_vendor_quotes_rates_in_canadian_dollars():
    assert Vendor(**vendor_fields()).currency == "CAD"


# --- Expertise ----------------------------------------------------------------------------------


def test_a_vendor_has_one_expertise_row_per_sector():
    vendor = VendorFactory()
    VendorExpertise.objects.create(vendor=vendor, sector=sector("igaming"), level=4, years=6)
    refuses(VendorExpertise, vendor=vendor, sector=sector("igaming"), level=2, years=1)
    assert vendor.expertise.get().level == 4


def test_full_clean_reports_a_second_expertise_row_for_a_sector():
    vendor = VendorFactory()
    VendorExpertise.objects.create(vendor=vendor, sector=sector("igaming"), level=4)
    duplicate = VendorExpertise(vendor=vendor, sector=sector("igaming"), level=2)
    assert constraint_messages(duplicate) == ["The vendor already has expertise in this sector."]


@pytest.mark.parametrize("level", [0, 6])
def test_an_expertise_level_goes_from_1_to_5(level):
    refuses(VendorExpertise, vendor=VendorFactory(), sector=sector("igaming"), level=level)


def test_full_clean_refuses_an_expertise_level_above_5():
    expertise = VendorExpertise(vendor=VendorFactory(), sector=sector("igaming"), level=6)
    with pytest.raises(ValidationError) as caught:
        expertise.full_clean()
    assert caught.value.message_dict == {"level": ["Ensure this value is less than or equal to 5."]}


# --- Requests -----------------------------------------------------------------------------------


def test_a_request_budget_minimum_cannot_exceed_the_maximum():
    company = CompanyFactory()
    refuses(
        OutsourcingRequest,
        **request_fields(company, budget_min=Decimal("300000"), budget_max=Decimal("200000")),
    )
    assert not OutsourcingRequest.objects.exists()


def test_a_request_budget_must_be_positive():
    refuses(OutsourcingRequest, **request_fields(CompanyFactory(), budget_min=Decimal("0")))


@pytest.mark.parametrize("weeks", [0, 261])
def test_a_request_lasts_from_1_to_260_weeks(weeks):
    refuses(OutsourcingRequest, **request_fields(CompanyFactory(), duration_weeks=weeks))


def test_a_request_may_last_exactly_260_weeks():
    request = OutsourcingRequest.objects.create(
        **request_fields(CompanyFactory(), duration_weeks=260)
    )
    assert request.duration_weeks == 260


def test_a_request_team_has_at_least_one_person():
    refuses(OutsourcingRequest, **request_fields(CompanyFactory(), team_size=0))


def test_full_clean_reports_the_request_constraint_messages():
    request = OutsourcingRequest(
        **request_fields(
            CompanyFactory(),
            budget_min=Decimal("300000"),
            budget_max=Decimal("200000"),
        )
    )
    assert constraint_messages(request) == ["The minimum budget cannot exceed the maximum budget."]


def test_a_new_request_is_a_draft():
    request = OutsourcingRequestFactory()
    assert request.status == OutsourcingRequest.Status.DRAFT
    assert request.is_draft
    assert request.published_at is None
    assert request.languages == ["es"]


# --- Reference data -----------------------------------------------------------------------------


def test_a_currency_has_one_exchange_rate_per_day():
    # The migrations seed MXN from 2025-01-01.
    refuses(ExchangeRate, currency="MXN", valid_from=date(2025, 1, 1), rate_to_cad=Decimal("0.08"))
    assert ExchangeRate.objects.get(currency="MXN", valid_from=date(2025, 1, 1)).rate_to_cad == (
        Decimal("0.075")
    )


@pytest.mark.parametrize("rate", [Decimal("0"), Decimal("-0.07")])
def test_an_exchange_rate_is_positive(rate):
    refuses(ExchangeRate, currency="MXN", valid_from=date(2025, 6, 1), rate_to_cad=rate)


def test_full_clean_reports_a_second_rate_on_the_same_day():
    rate = ExchangeRate(currency="MXN", valid_from=date(2025, 1, 1), rate_to_cad=Decimal("0.08"))
    assert constraint_messages(rate) == ["This currency already has a rate from that day."]


def test_the_rate_used_is_the_latest_one_valid_on_the_day():
    ExchangeRate.objects.create(
        currency="MXN", valid_from=date(2025, 6, 1), rate_to_cad=Decimal("0.08")
    )
    assert exchange_rate_to_cad(currency="MXN", on=date(2025, 5, 31)) == Decimal("0.075")
    assert exchange_rate_to_cad(currency="MXN", on=date(2025, 6, 1)) == Decimal("0.08")
    assert exchange_rate_to_cad(currency="MXN", on=date(2026, 1, 1)) == Decimal("0.08")
    assert exchange_rate_to_cad(currency="USD", on=date(2025, 6, 1)) == Decimal("1.39")


def test_there_is_no_rate_before_the_first_one():
    with pytest.raises(ExchangeRate.DoesNotExist):
        exchange_rate_to_cad(currency="MXN", on=date(2024, 12, 31))


def test_a_sector_cannot_be_related_to_itself():
    igaming = sector("igaming")
    refuses(SectorRelation, sector=igaming, related=igaming, strength=Decimal("0.5"))
    assert not SectorRelation.objects.filter(sector=igaming, related=igaming).exists()


def test_two_sectors_are_related_once_per_direction():
    # The migrations relate igaming to sports betting already.
    refuses(
        SectorRelation,
        sector=sector("igaming"),
        related=sector("sports-betting"),
        strength=Decimal("0.2"),
    )


def test_full_clean_reports_a_sector_related_to_itself():
    igaming = sector("igaming")
    relation = SectorRelation(sector=igaming, related=igaming, strength=Decimal("0.5"))
    assert constraint_messages(relation) == ["A sector cannot be related to itself."]


def test_the_database_keeps_a_published_request_from_losing_its_deadline(db):
    published = OutsourcingRequestFactory(status=OutsourcingRequest.Status.PUBLISHED)

    with transaction.atomic(), pytest.raises(IntegrityError):
        OutsourcingRequest.objects.filter(pk=published.pk).update(proposals_due=None)
    OutsourcingRequest.objects.filter(pk=published.pk).update(
        status=OutsourcingRequest.Status.CANCELLED, proposals_due=None
    )


# --- A vendor's descriptions, one per language ---------------------------------------------------


def described(**descriptions) -> Vendor:
    return Vendor(
        **vendor_fields(**{f"description_{code}": text for code, text in descriptions.items()})
    )


@pytest.mark.parametrize("reader", ["es", "en", "fr"])
def test_each_reader_gets_the_description_in_their_language(reader):
    vendor = described(es="Hola.", en="Hello.", fr="Bonjour.")

    shown = vendor.description_in(reader)

    assert shown.language == reader
    assert shown.text == {"es": "Hola.", "en": "Hello.", "fr": "Bonjour."}[reader]
    assert not shown.is_fallback


@pytest.mark.parametrize(
    ("written", "reader", "shown"),
    [
        ({"en": "Hello.", "fr": "Bonjour."}, "es", "en"),  # English first
        ({"fr": "Bonjour.", "es": "Hola."}, "en", "fr"),  # then French
        ({"es": "Hola."}, "fr", "es"),  # then Spanish
    ],
)
def test_a_missing_language_falls_back_to_english_then_french_then_spanish(written, reader, shown):
    text = described(**written).description_in(reader)

    assert (text.language, text.requested, text.is_fallback) == (shown, reader, True)


def test_blank_descriptions_count_as_missing_and_none_at_all_is_none():
    assert described(es="  \n ", fr="Bonjour.").description_in("es").language == "fr"
    assert described().description_in("es") is None
    assert described().description == ""


def test_the_fallback_names_the_language_shown_in_the_readers_language():
    text = described(en="Hello.").description_in("es")

    with translation.override("es-mx"):
        assert text.language_name == "inglés"


def test_the_single_description_is_the_first_written_whoever_reads():
    vendor = described(es="Hola.", fr="Bonjour.")

    with translation.override("es-mx"):
        assert vendor.description == "Bonjour."


def test_a_single_description_written_goes_where_it_is_read_from():
    assert described(fr="Bonjour.").description_language_for("We build odds feeds.") == "fr"


def test_for_a_vendor_without_one_it_goes_to_the_language_it_is_written_in_or_english():
    vendor = described()

    assert (
        vendor.description_language_for("Construimos casas de apuestas para los casinos.") == "es"
    )
    assert vendor.description_language_for("Odds.") == "en"


# --- A vendor's name ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "Maple > Odds", "Maple <Odds"])
def test_a_vendor_name_with_markup_characters_is_refused(name):
    with pytest.raises(ValidationError) as caught:
        Vendor(**vendor_fields(name=name)).full_clean()

    assert caught.value.error_dict["name"][0].code == "markup"


def test_names_with_ampersands_and_accents_are_names():
    Vendor(**vendor_fields(name="Bélanger & Fils inc.")).full_clean()


# --- Strong matches -------------------------------------------------------------------------------


def test_strong_matches_are_the_same_in_sql_as_on_a_row():
    run = MatchRun.objects.create(
        request=OutsourcingRequestFactory(), trigger=MatchRun.Trigger.PUBLISH
    )
    scores = [STRONG_MATCH_SCORE + 0.1, STRONG_MATCH_SCORE, STRONG_MATCH_SCORE - 0.1, 0, 100]
    MatchResult.objects.bulk_create(
        MatchResult(run=run, vendor=VendorFactory(), rank=rank, score=Decimal(str(score)))
        for rank, score in enumerate(sorted(scores, reverse=True), start=1)
    )

    in_sql = set(run.results.strong().values_list("pk", flat=True))

    assert in_sql == {result.pk for result in run.results.all() if result.is_strong}
    assert len(in_sql) == 3
