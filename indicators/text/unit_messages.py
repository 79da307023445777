"""Units as the page says them, Chinese first with English beside it (keys `unit.<unit>`).

The catalogue writes units the way the plans do (个, 万吨/年, 亿元). Chinese shows them
as written; English says them in words or drops a bare classifier (量词: ≥ 13 个 is
"≥ 13"), so an English page carries no Chinese outside the verbatim quotes and names.
A unit with no entry here is shown as written (indicators/text/units.py). Kept apart
from `MESSAGES` because an English label may be empty (a bare classifier), which no
message may be.
"""

from __future__ import annotations

# Units of the seed catalogue in English, for the English board and reasons.
UNIT_MESSAGES: dict[str, tuple[str, str]] = {
    "unit.%": ("%", "%"),
    "unit.‰": ("‰", "‰"),
    "unit.个百分点": ("个百分点", "percentage points"),
    "unit.百分点": ("百分点", "percentage points"),
    "unit.个": ("个", ""),
    "unit.个村": ("个村", "villages"),
    "unit.条": ("条", ""),
    "unit.项": ("项", "items"),
    "unit.家": ("家", "firms"),
    "unit.名": ("名", "people"),
    "unit.人": ("人", "people"),
    "unit.万人": ("万人", "×10k people"),
    "unit.户": ("户", "households"),
    "unit.所": ("所", ""),
    "unit.座": ("座", ""),
    "unit.元": ("元", "yuan"),
    "unit.万元": ("万元", "×10k yuan"),
    "unit.亿元": ("亿元", "×100m yuan"),
    "unit.吨": ("吨", "t"),
    "unit.万吨": ("万吨", "×10k t"),
    "unit.万吨/年": ("万吨/年", "×10k t/year"),
    "unit.千瓦": ("千瓦", "kW"),
    "unit.万千瓦": ("万千瓦", "×10 MW"),
    "unit.公里": ("公里", "km"),
    "unit.亿立方米": ("亿立方米", "×100m m³"),
    "unit.人次": ("人次", "person-times"),
    "unit.件": ("件", ""),
    "unit.份": ("份", "copies"),
    "unit.位": ("位", "people"),
    "unit.次": ("次", "times"),
    "unit.篇": ("篇", "papers"),
    "unit.期": ("期", "issues"),
    "unit.天": ("天", "days"),
    "unit.吨/万元": ("吨/万元", "t per 10k yuan"),
    "unit.吨标准煤/万元": ("吨标准煤/万元", "tce per 10k yuan"),
    "unit.微克/立方米": ("微克/立方米", "μg/m³"),
}
