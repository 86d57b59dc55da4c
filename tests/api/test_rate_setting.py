"""API_ANON_RATE: read from the environment, refused at start-up when REST framework could not read it."""

import pytest

from tests.test_settings import load_settings


@pytest.mark.parametrize("value, expected", [(None, "120/minute"), ("30/second", "30/second"), ("5000/day", "5000/day")])
def test_the_rate_comes_from_the_environment(tmp_path, value, expected):
    result = load_settings(tmp_path, show="s.API_ANON_RATE", **({"API_ANON_RATE": value} if value else {}))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize("value", ["120", "120/fortnight", "0/minute", "nhiều/phút"])
def test_a_rate_rest_framework_cannot_read_stops_the_start(tmp_path, value):
    result = load_settings(tmp_path, API_ANON_RATE=value)

    assert result.returncode != 0
    assert "API_ANON_RATE must be a rate such as 120/minute" in result.stderr
