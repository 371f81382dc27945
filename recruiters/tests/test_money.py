"""Fee and commission arithmetic to the cent (rules in recruiters.money)."""

from decimal import Decimal as D

import pytest

from recruiters.money import fee_for, split_amounts, to_cents


@pytest.mark.parametrize(
    ("percent", "salary", "fee"),
    [
        ("20", "85000.00", D("17000.00")),
        # 123,456.78 × 18.5 / 100 = 22,839.5043 → 22,839.50
        ("18.5", "123456.78", D("22839.50")),
        # 100.10 × 12.5 / 100 = 12.5125 → 12.51
        ("12.5", "100.10", D("12.51")),
        # 0.10 × 25 / 100 = 0.025 → 0.03 (half a cent rounds up)
        ("25", "0.10", D("0.03")),
        ("0", "50000", D("0.00")),
        ("100", "1234.56", D("1234.56")),
    ],
)
def test_percentage_fee_rounds_half_up_to_cents(percent, salary, fee):
    assert (
        fee_for(
            fee_type="percent", fee_percent=D(percent), flat_fee=None, salary=D(salary)
        )
        == fee
    )


def test_flat_fee_is_taken_as_agreed():
    assert fee_for(
        fee_type="flat", fee_percent=None, flat_fee=D("7500"), salary=D("90000")
    ) == D("7500.00")


def test_percentage_fee_without_salary_is_zero():
    assert fee_for(
        fee_type="percent", fee_percent=D("20"), flat_fee=None, salary=None
    ) == D("0.00")


def test_thirds_of_a_thousand():
    assert split_amounts(D("1000.00"), [D("33.34"), D("33.33"), D("33.33")]) == [
        D("333.40"),
        D("333.30"),
        D("333.30"),
    ]


def test_rounding_remainder_goes_to_the_largest_share():
    # 100.01 × 33.33 % = 33.3333 → 33.33 (twice); × 33.34 % = 33.3433 → 33.34;
    # sum 100.00, remainder 0.01 → the 33.34 share: 33.35.
    assert split_amounts(D("100.01"), [D("33.33"), D("33.34"), D("33.33")]) == [
        D("33.33"),
        D("33.35"),
        D("33.33"),
    ]


def test_negative_remainder_goes_to_the_first_largest_share_on_a_tie():
    # 0.05 × 50 % = 0.025 → 0.03 twice = 0.06; remainder −0.01 → first share.
    assert split_amounts(D("0.05"), [D("50"), D("50")]) == [D("0.02"), D("0.03")]


def test_single_share_gets_the_whole_fee():
    assert split_amounts(D("22839.50"), [D("100")]) == [D("22839.50")]


def test_to_cents():
    assert to_cents("2.675") == D("2.68")
    assert to_cents(D("-0.005")) == D("-0.01")
