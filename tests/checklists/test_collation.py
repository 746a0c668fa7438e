"""Chinese reading order: pinyin, numbers by value, surnames read as surnames, and a total order."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from checklists import collation
from checklists.collation import chinese_number, compute_key, name_key, person_key, sorted_names, sorted_people

ROOT = Path(__file__).resolve().parents[2]


def test_numbered_branches_read_in_numeric_order() -> None:
    branches = ["第十一党支部", "第三党支部", "第一党支部", "第十党支部", "第二党支部"]
    assert sorted_names(branches) == ["第一党支部", "第二党支部", "第三党支部", "第十党支部", "第十一党支部"]
    assert sorted(branches) != sorted_names(branches)  # code point order is what this replaces


def test_arabic_numbers_compare_by_value() -> None:
    assert sorted_names(["第10组", "第2组", "第1组"]) == ["第1组", "第2组", "第10组"]
    assert sorted_names(["#10", "#9", "#100"]) == ["#9", "#10", "#100"]


def test_numerals_that_number_something_count_and_place_names_do_not() -> None:
    assert sorted_names(["纪检监察十室", "纪检监察二室", "纪检监察一室"]) == ["纪检监察一室", "纪检监察二室", "纪检监察十室"]
    assert sorted_names(["二科", "十一科", "一科"]) == ["一科", "二科", "十一科"]
    # 万州 is a place, read wàn: among the W's, not before every name as the number 10000.
    assert sorted_names(["王家坝支部", "万州支部", "安居支部"]) == ["安居支部", "万州支部", "王家坝支部"]


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in ("一", "十", "十一", "二十", "一百零五", "三万二千", "二〇二四")] == \
        [1, 10, 11, 20, 105, 32000, 2024]


def test_people_read_by_pinyin_of_surname_then_given_name() -> None:
    assert sorted_people(["张三", "李四", "王五", "安", "白"]) == ["安", "白", "李四", "王五", "张三"]


def test_polyphonic_surnames_read_as_surnames() -> None:
    # 曾 zēng, not céng: between 蔡 and 张. 单 shàn, not dān: after 邓 and 沙.
    assert sorted_people(["张伟", "曾华", "蔡明"]) == ["蔡明", "曾华", "张伟"]
    assert sorted_people(["单丽", "邓强", "沙云", "石磊"]) == ["邓强", "沙云", "单丽", "石磊"]
    assert sorted_people(["解放", "金涛", "谢军"]) == ["金涛", "解放", "谢军"]  # xiè, not jiě: after 金
    assert sorted_people(["区华", "欧明", "曲阳"]) == ["区华", "欧明", "曲阳"]  # ōu huá, ōu míng, qū
    assert sorted_people(["仇红", "丘林", "仇英"]) == ["仇红", "丘林", "仇英"]  # qiú, not chóu: among the qiu
    assert sorted_people(["朴正", "彭杰", "潘婷"]) == ["潘婷", "彭杰", "朴正"]
    assert sorted_people(["查良", "张良"]) == ["查良", "张良"]  # zhā < zhāng
    assert compute_key("单于夫", person=True)[0][:2] == ((1, "chan"), (1, "yu"))


def test_the_surname_reading_is_only_for_people() -> None:
    assert name_key("单位")[0][0] == (1, "dan")
    assert person_key("单位")[0][0] == (1, "shan")
    # 一 in a person's name is a reading, not the number 1.
    assert person_key("王一博")[0][1] == (1, "yi")


def test_latin_letters_and_digits_interleave_with_pinyin() -> None:
    assert sorted_names(["b组", "安组", "A组", "3组", "Z组"]) == ["3组", "A组", "安组", "b组", "Z组"]


def test_tones_then_characters_break_ties_so_the_order_is_total() -> None:
    assert sorted_people(["马丽", "麻丽", "妈丽"]) == ["妈丽", "麻丽", "马丽"]  # mā má mǎ
    names = ["张伟", "章伟", "张玮", "第2组", "第二组", "张 伟", "张伟"]
    for seed in range(5):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=person_key) == sorted(names, key=person_key)
    keys = {person_key(n) for n in names}
    assert len(keys) == len(set(names))  # distinct names never tie


def test_keys_are_kept_across_runs_and_pypinyin_is_not_imported_for_known_names(tmp_path: Path) -> None:
    """pypinyin costs ~130 ms to import: a run that only meets names an earlier run read does not import it."""
    code = ("import sys; from pathlib import Path; from checklists import collation\n"
            "collation.use_cache(Path(sys.argv[1]))\n"
            "print(collation.sorted_people(['张三', '曾华', '李四']), 'pypinyin' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True,
                           cwd=ROOT).stdout.strip() for _ in range(2)]
    assert runs == ["['李四', '曾华', '张三'] True", "['李四', '曾华', '张三'] False"]
    (tmp_path / collation.CACHE_FILE).write_bytes(b"damaged")
    again = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True,
                           cwd=ROOT).stdout.strip()
    assert again == "['李四', '曾华', '张三'] True"


def test_importing_the_module_does_not_import_pypinyin() -> None:
    code = "import sys, checklists.collation; print('pypinyin' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
