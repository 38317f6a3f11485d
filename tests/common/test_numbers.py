"""Numbers in query strings: what is checked is what is used, for every string (a property test)."""

from hypothesis import given
from hypothesis import strategies as st

from annotations.common.numbers import whole_number

# The grammar's pieces, so that the interesting strings (zeros, digits, signs, other scripts' digits) come up
# far more often than in random text.
pieces = st.sampled_from(["0", "1", "9", "00", "100", "+", "-", " ", "_", "²", "١", "e", "."])
query_values = st.one_of(st.text(max_size=30), st.lists(pieces, max_size=12).map("".join))


@given(value=query_values, low=st.integers(0, 5), high=st.integers(5, 10**6))
def test_a_number_is_accepted_only_when_written_plainly_and_in_range(value, low, high):
    number = whole_number(value, low=low, high=high)
    if number is None:
        assert not (value.isascii() and value.isdigit() and str(int(value)) == value and low <= int(value) <= high)
    else:
        assert low <= number <= high and str(number) == value


def test_examples():
    assert whole_number("100", low=1, high=100) == 100
    assert [whole_number(v, low=1, high=100) for v in ["000001000", "0100", "101", "", None, "1e2"]] == [None] * 6
