"""The data shape both systems are seeded with (``make bench-peer``): plain Python, imported by Anju's seed and by
the peer's (which runs in its own virtual environment).

20 queues / projects, so that one list covers ~5 % of the rows; ~30 % unfinished; 1-5 follow-ups each; created
uniformly over two years; Chinese titles and descriptions in which each of the five keywords occurs in ~5 % of
the orders (20 problems drawn uniformly, the keywords among them).
"""

# ruff: noqa: S311 - seeded pseudo-random test data
from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass

PROJECTS = 20
PARTS = ["卫生间", "厨房", "主卧", "次卧", "客厅", "阳台", "外墙", "地下车库", "电梯厅", "入户门", "窗户", "屋顶"]
PROBLEMS = [
    "漏水", "渗水", "墙面开裂", "瓷砖空鼓", "地板起拱", "门窗密封不严", "下水道堵塞", "电路跳闸", "插座无电", "墙皮脱落",
    "天花板霉斑", "水管爆裂", "防水层失效", "门锁损坏", "玻璃破裂", "噪音扰民", "电梯故障", "水压不足", "燃气管道异味",
    "空调冷凝水倒灌",
]  # fmt: skip
KEYWORDS = ["漏水", "墙面开裂", "电梯故障", "下水道堵塞", "门锁损坏"]
ASKS = ["请尽快安排师傅上门维修", "希望本周内处理", "请先派人查看原因", "周末家里有人，可预约上门", "影响正常居住，情况紧急"]
FOLLOW_UPS = [
    "已联系业主，预约明天上午上门查看。",
    "师傅已上门，需更换配件。",
    "配件已到货，安排二次上门施工。",
    "施工完成，请业主确认。",
]
# ~30 % unfinished (the list's rows), the rest done; the peer's open / reopened / resolved / closed the same way
UNFINISHED_SHARE = 0.30


@dataclass
class Row:
    project: int  # 0..19
    title: str
    description: str
    created: datetime.datetime
    unfinished: bool
    follow_ups: list[str]


def rows(n: int, *, seed: int = 42, now: datetime.datetime | None = None) -> Iterator[Row]:
    rng = random.Random(seed)
    now = now or datetime.datetime.now(datetime.UTC)
    span = 2 * 365 * 86400
    for _ in range(n):
        part, problem = rng.choice(PARTS), rng.choice(PROBLEMS)
        yield Row(
            project=rng.randrange(PROJECTS),
            title=f"{rng.randrange(1, 31)}栋{rng.randrange(1, 33)}0{rng.randrange(1, 5)} {part}{problem}",
            description=f"业主反映{part}{problem}，已持续约{rng.randrange(1, 60)}天。{rng.choice(ASKS)}。",
            created=now - datetime.timedelta(seconds=rng.randrange(span)),
            unfinished=rng.random() < UNFINISHED_SHARE,
            follow_ups=[rng.choice(FOLLOW_UPS) for _ in range(rng.randint(1, 5))],
        )
