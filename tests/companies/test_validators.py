"""RFC and Canadian business number validators: what they accept and how they refuse."""

import pytest
from django.core.exceptions import ValidationError
from stdnum.mx.rfc import calc_check_digit

from companies.validators import normalize_rfc, validate_rfc
from marketplace.validators import validate_business_number


def with_check_digit(base: str) -> str:
    return base + calc_check_digit(base)


def refusal_code(validator, value) -> str:
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return caught.value.code


@pytest.mark.parametrize(
    "rfc",
    [
        with_check_digit("GJA150310K7"),  # legal entity: 3 letters, date, homoclave
        with_check_digit("TNO990101AB"),
        with_check_digit("GODE561231GR"),  # person: 4 letters, date, homoclave
        with_check_digit("MASA800229H1"),  # a person born on 29 February
    ],
)
def test_it_accepts_valid_company_and_person_rfcs(rfc):
    validate_rfc(rfc)


def test_it_accepts_lower_case_and_dashes():
    validate_rfc("gja-150310-k75")
    assert normalize_rfc(" gja-150310-k75 ") == "GJA150310K75"


@pytest.mark.parametrize(
    "rfc",
    ["", "GJA15031", "GJA150310K", "GJA150310K7", "GODE561231GR8X", "GODE561231"],
)
def test_it_refuses_a_length_other_than_12_or_13(rfc):
    assert refusal_code(validate_rfc, rfc) == "rfc_length"


def test_it_names_the_length_it_found():
    with pytest.raises(ValidationError) as caught:
        validate_rfc("GJA150310K")
    assert caught.value.messages == [
        "An RFC has 12 characters (company) or 13 (person); GJA150310K has 10."
    ]


@pytest.mark.parametrize(
    "base",
    [
        "GJA151310K7",  # month 13
        "GJA150232K7",  # 32 February
        "GJA150229K7",  # 29 February 2015 (not a leap year)
        "GODE561331GR",  # a person born in month 13
    ],
)
def test_it_refuses_an_impossible_date(base):
    assert refusal_code(validate_rfc, with_check_digit(base)) == "rfc_date"


def test_it_refuses_a_wrong_check_digit():
    assert refusal_code(validate_rfc, "GJA150310K74") == "rfc_checksum"
    with pytest.raises(ValidationError) as caught:
        validate_rfc("GJA150310K74")
    assert "wrong check digit" in caught.value.messages[0]


@pytest.mark.parametrize(
    "rfc",
    [
        "1JA150310K75",  # a digit where the letters go
        "GJAX50310K75",  # a letter in the date
        "GJA150310K.5",  # punctuation in the homoclave
        "GOD1561231GR8",  # a person RFC with only three letters
    ],
)
def test_it_refuses_a_malformed_rfc(rfc):
    assert refusal_code(validate_rfc, rfc) == "rfc_format"


@pytest.mark.parametrize(
    "base",
    [
        "GJA1503100K",  # a homoclave never starts with 0
        "BUEI561231GR",  # a word SAT bars from person RFCs
    ],
)
def test_it_reports_a_bad_homoclave_or_barred_word_as_format_not_date(base):
    # The dates are real days: saying "invalid date" would send people looking in vain.
    assert refusal_code(validate_rfc, with_check_digit(base)) == "rfc_format"


def valid_business_number(first_eight: str) -> str:
    from stdnum import luhn

    return first_eight + luhn.calc_check_digit(first_eight)


@pytest.mark.parametrize("number", ["123456782", valid_business_number("87654321"), "123 456 782"])
def test_it_accepts_a_valid_business_number(number):
    validate_business_number(number)


@pytest.mark.parametrize("number", ["", "12345678", "1234567820", "12345678A", "ABCDEFGHI"])
def test_it_refuses_a_business_number_that_is_not_nine_digits(number):
    assert refusal_code(validate_business_number, number) == "bn_format"


def test_it_refuses_a_business_number_with_a_wrong_luhn_digit():
    with pytest.raises(ValidationError) as caught:
        validate_business_number("123456789")
    assert caught.value.code == "bn_checksum"
    assert caught.value.messages == ["The business number 123456789 has a wrong check digit."]
