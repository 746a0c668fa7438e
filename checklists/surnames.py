"""How surnames read where the character reads otherwise in ordinary words (单 dān, but the surname Shàn).

pypinyin has no surname mode (mozillazg/python-pinyin#297, open): it reads
曾国藩 as céng. Only surnames whose reading differs from pypinyin's default
for the character are listed, in its TONE3 spelling. The first character
(or two, for a compound surname) of a person's name is read from here.
"""

from __future__ import annotations

SINGLE = {
    "单": "shan4", "曾": "zeng1", "解": "xie4", "区": "ou1", "仇": "qiu2", "朴": "piao2", "查": "zha1",
    "盖": "ge3", "乐": "yue4", "翟": "zhai2", "覃": "qin2", "缪": "miao4", "种": "chong2", "重": "chong2",
    "秘": "bi4", "华": "hua4", "过": "guo1", "纪": "ji3", "燕": "yan1", "繁": "po2", "折": "she2", "那": "na1",
    "藏": "zang4", "都": "du1", "六": "lu4", "薄": "bo2", "卜": "bu3", "召": "shao4", "员": "yun4", "句": "gou1",
    "能": "nai4", "阚": "kan4", "隗": "wei3", "佴": "nai4", "粘": "nian2", "难": "nan4", "扎": "za1", "哈": "ha3",
    "乜": "nie4", "尉": "yu4", "长": "chang2", "相": "xiang4", "祭": "zhai4", "厍": "she4", "贲": "ben1",
    "臧": "zang1", "冯": "feng2", "石": "shi2", "瞿": "qu2", "沈": "shen3", "车": "che1", "万": "wan4",
}

COMPOUND = {
    "单于": "chan2 yu2", "尉迟": "yu4 chi2", "万俟": "mo4 qi2", "长孙": "zhang3 sun1", "澹台": "tan2 tai2",
    "令狐": "ling4 hu2", "子车": "zi3 ju1", "乐正": "yue4 zheng4", "夹谷": "jia2 gu3", "仉督": "zhang3 du1",
}
