"""The PDF builder prints Chinese text that a reader can extract again, escapes what users typed and names the file."""

import io
from decimal import Decimal

import pypdf

from anju.core.pdf import Document, pdf_response


def _text(content: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages]


def test_chinese_text_round_trips_through_the_pdf():
    doc = Document(title="入伙通知书")
    section = doc.section("入伙通知书", "锦绣花园 1栋-1201")
    section.paragraph("尊敬的业主：您好！请于 2026-12-20 前来办理入伙手续。")
    section.fields([("房号", "1栋-1201"), ("建筑面积", Decimal("98.50"))])
    fees = [["专项维修资金", Decimal("7880.00")]]
    section.table(["费用", "金额（元）"], fees, total=["合计", Decimal("7880")], right_align=[1])
    pages = _text(doc.build())
    assert len(pages) == 1
    assert "入伙通知书" in pages[0] and "请于 2026-12-20 前来办理入伙手续" in pages[0]
    assert "7,880.00" in pages[0] and "98.50" in pages[0] and "专项维修资金" in pages[0]


def test_each_section_starts_a_page_and_markup_is_printed_as_typed():
    doc = Document(title="批量")
    doc.section("通知一").paragraph('<font size="80">张三</font> & 李四')
    doc.section("通知二").paragraph("第二页")
    pages = _text(doc.build())
    assert len(pages) == 2
    assert '<font size="80">张三</font> & 李四' in pages[0]
    assert "第二页" in pages[1] and "第 2 页" in pages[1]


def test_signature_image_is_drawn(tmp_path):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 80), "white").save(buffer, format="PNG")
    doc = Document(title="交接记录")
    doc.section("商品房交接单").signatures([("业主签字", buffer.getvalue()), ("经办人", None)], date="2026-12-20")
    reader = pypdf.PdfReader(io.BytesIO(doc.build()))
    assert list(reader.pages[0].images), "the signature is an image on the page"
    assert "业主签字" in reader.pages[0].extract_text()


def test_response_names_the_file_in_ascii_and_utf8():
    response = pdf_response(b"%PDF-1.4", '入伙通知书-1"栋.pdf', inline=False)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=\"anju-1.pdf\"; filename*=UTF-8''")
    assert "%E5%85%A5" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    assert 'filename="anju-document.pdf"' in pdf_response(b"%PDF-1.4", "入伙通知书.pdf")["Content-Disposition"]


def test_times_print_in_local_time():
    import datetime

    from django.utils import timezone

    from anju.core.pdf import text

    moment = datetime.datetime(2026, 12, 4, 15, 22, tzinfo=datetime.UTC)  # 23:22 in Shanghai
    assert text(moment) == timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") == "2026-12-04 23:22"
