# 1 декабря 2026 г. (the month in the genitive: "E"); декабрь 2026 г.; typed 15.03.2024, or ISO.
DATE_FORMAT = "j E Y г."
YEAR_MONTH_FORMAT = "F Y г."
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
