# As UN Arabic documents write dates: 1 كانون الأول/ديسمبر 2026 (both month names, the
# Levantine and the Egyptian, as in the Security Council's resolutions), Western digits.
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

MONTHS = {
    1: "كانون الثاني/يناير",
    2: "شباط/فبراير",
    3: "آذار/مارس",
    4: "نيسان/أبريل",
    5: "أيار/مايو",
    6: "حزيران/يونيه",
    7: "تموز/يوليه",
    8: "آب/أغسطس",
    9: "أيلول/سبتمبر",
    10: "تشرين الأول/أكتوبر",
    11: "تشرين الثاني/نوفمبر",
    12: "كانون الأول/ديسمبر",
}
