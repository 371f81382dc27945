"""Fee and commission arithmetic. Money is `Decimal`, never float.

Rounding rules (stated once, tested to the cent):

- Every amount is rounded to cents with ROUND_HALF_UP (half a cent goes up):
  18.5 % of 123,456.78 = 22,839.50430 → 22,839.50.
- A percentage fee is ``salary × percent / 100``, rounded once at the end; a flat
  fee is taken as agreed.
- A commission share is ``fee × percent / 100`` rounded to cents; the rounding
  remainder (fee − sum of rounded shares, a few cents at most, positive or
  negative) goes to the largest share (the first listed on a tie), so the shares
  always sum to the fee exactly.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


def to_cents(amount) -> Decimal:
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount, percent) -> Decimal:
    return to_cents(Decimal(amount) * Decimal(percent) / HUNDRED)


def fee_for(*, fee_type: str, fee_percent, flat_fee, salary) -> Decimal:
    """The placement fee from an engagement's terms and the agreed salary."""
    if fee_type == "flat":
        return to_cents(flat_fee or 0)
    if salary is None:
        return to_cents(0)
    return percent_of(salary, fee_percent or 0)


def split_amounts(fee, percents: list) -> list[Decimal]:
    """Commission per share, in the order given; sums to ``fee`` exactly."""
    fee = to_cents(fee)
    amounts = [percent_of(fee, p) for p in percents]
    if not amounts:
        return amounts
    remainder = fee - sum(amounts, Decimal("0.00"))
    if remainder:
        largest = max(range(len(percents)), key=lambda i: (Decimal(percents[i]), -i))
        amounts[largest] += remainder
    return amounts
