"""Charts draw in every language: SVG coordinates and CSS widths never take a decimal comma.

In French, Spanish, Russian and Arabic Django formats 40.5 as "40,5"; an SVG attribute so written
is invalid and the browser draws nothing (issue 9: the charts of the home and status pages were
empty in four of the six languages).
"""

import datetime as dt
import re

import pytest
from django.test import Client

# A number with a decimal comma inside an attribute value or a CSS length: x="40,5", width: 3,5%
COMMA_NUMBER = re.compile(r'="-?\d+,\d+"|:\s*-?\d+,\d+(%|px)')


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "es", "ru", "ar", "zh-hans", "en"])
@pytest.mark.parametrize("url", ["/", "/reporting/status/?as_of=2014-03-31"])
def test_chart_coordinates_are_locale_independent(reference_data, report, language, url):
    for i, iso3 in enumerate(["KAZ", "FRA", "MEX", "EGY", "CHN", "RUS", "BRA"]):
        report(iso3, day=dt.date(2005 + i, 3, 1))
    client = Client()
    client.cookies["django_language"] = language
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language, follow=True)  # to /<language>/...
    html = response.content.decode()
    assert f'lang="{language}"' in html
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert svg.count("<rect") >= 7
    widths = re.findall(r'<rect x="([^"]+)" y="([^"]+)" width="([^"]+)"', svg)
    assert widths and all(float(v) >= 0 for triple in widths for v in triple)
    assert not COMMA_NUMBER.search(svg), COMMA_NUMBER.search(svg).group(0)
