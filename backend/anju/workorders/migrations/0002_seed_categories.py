"""Seed the editable service-category tree, each node mapped to a warranty item (docs/rules.md §Warranty)."""

from django.db import migrations

TREE = [
    ("plumbing", "水电", "electrical_plumbing", [
        ("water_supply", "给水管道", ""), ("drainage", "排水管道/堵塞", ""), ("water_heater", "热水器", ""),
    ]),
    ("civil", "土建", "decoration", [
        ("wall_crack", "墙面开裂/抹灰脱落", ""), ("floor_hollow", "地面空鼓/起砂", ""), ("main_structure", "主体结构", "structure"),
    ]),
    ("doors_windows", "门窗", "decoration", [("entrance_door", "入户门", ""), ("windows", "窗户及五金", "")]),
    ("waterproofing", "防水渗漏", "leakage", [
        ("bathroom_leak", "卫生间渗漏", ""), ("exterior_wall_leak", "外墙渗漏", ""), ("roof_leak", "屋面渗漏", "roof_waterproofing"),
    ]),
    ("electrical", "电气", "electrical_plumbing", [
        ("switches_sockets", "开关插座", ""), ("lighting", "灯具", ""), ("wiring", "电气线路", ""),
    ]),
    ("equipment", "设备", "electrical_plumbing", [
        ("sanitary", "卫生洁具", ""), ("heating_cooling", "供暖制冷", "heating_cooling"), ("intercom", "可视对讲", ""),
    ]),
    ("decoration", "装修", "decoration", [("paint", "墙面涂料", ""), ("tiles_floor", "瓷砖地板", ""), ("cabinets", "橱柜", "")]),
    ("common_area", "公共区域", "", [("lift", "电梯", ""), ("corridor", "楼道", ""), ("landscape", "园林绿化", "")]),
]


def seed(apps, schema_editor):
    Category = apps.get_model("workorders", "Category")
    for position, (code, name, item, children) in enumerate(TREE):
        parent, _ = Category.objects.get_or_create(code=code, defaults={"name": name, "warranty_item": item, "position": position})
        for child_position, (child_code, child_name, child_item) in enumerate(children):
            Category.objects.get_or_create(
                code=child_code,
                defaults={"name": child_name, "warranty_item": child_item, "parent": parent, "position": child_position},
            )


class Migration(migrations.Migration):
    dependencies = [("workorders", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
