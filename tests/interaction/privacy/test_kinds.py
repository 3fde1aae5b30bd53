"""Each kind of personal data redaction finds without the form naming it, in the spellings people use (full-width
and Chinese digits, spaces, pinyin), and the public information it leaves: hotlines, bodies, officials, documents."""

import pytest
from wagtail.models import Site

from cms.core.models import SiteIdentity, StandardPage
from interaction.privacy.normalise import fold
from interaction.privacy.public import PublicContacts, contacts_from, public_contacts
from interaction.privacy.redact import Span, apply, find_spans, name_variants, redact
from tests.factories import publish

NONE = PublicContacts()
X = "[已隐去]"


def hidden(text, names=(), known=(), public=NONE):
    return redact(text, names=names, known=known, public=public)


def test_folding_keeps_offsets_and_reads_full_width_and_chinese_digits():
    for text, folded in [
        ("１３７１２３４５６７０", "13712345670"),
        ("一三七一二三四五六七零", "13712345670"),
        ("幺三九 一二三四 五六七八", "139 1234 5678"),
        ("一个人两次三月", "一个人两次三月"),
        ("ｈｅ＠ｑｑ．ｃｏｍ", "he@qq.com"),
    ]:
        assert fold(text) == folded and len(fold(text)) == len(text)
    text = "电话１３７１２３４５６７０。"
    [span] = find_spans(text, public=NONE)
    assert span == Span("mobile", 2, 13) and span.text_in(text) == "１３７１２３４５６７０"
    assert apply(text, [span]) == f"电话{X}。"


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("陈来信", "陈来信同志：您好！", f"{X}同志：您好！"),
        ("测试编辑陈来信", "我叫陈来信。", f"我叫{X}。"),
        ("欧阳娜", "欧阳女士反映", f"{X}反映"),
        ("王小明", "小明说，老王和小王都知道", f"{X}说，{X}和{X}都知道"),
        ("刘 建国", "刘 建国和刘建国", f"{X}和{X}"),
        ("陈来信", "Chen Laixin, chenlaixin, LAIXIN CHEN", f"{X}, {X}, {X}"),
        ("李师", "李师傅、李阿姨、李大爷", f"{X}、{X}、{X}"),
    ],
)
def test_the_writer_in_every_form(name, text, expected):
    assert hidden(text, names=[name]) == expected


def test_a_given_name_that_is_a_common_word_stays():
    assert "来信" not in name_variants("陈来信") and "小明" in name_variants("王小明")
    assert hidden("来信收悉，陈来信同志。", names=["陈来信"]) == f"来信收悉，{X}同志。"
    assert name_variants("欧阳娜")[:3] == ["欧阳娜", "欧阳先生", "欧阳女士"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("邻居王小明经常装修", f"邻居{X}经常装修"),
        ("司机李建国态度恶劣", f"司机{X}态度恶劣"),
        ("工作人员小刘接待了我", f"工作人员{X}接待了我"),
        ("诸葛先生和上官女士也来了", f"{X}和{X}也来了"),
        ("我儿子陈小宝在机关幼儿园上学", f"我儿子{X}在机关幼儿园上学"),
        ("我的邻居姓黄，叫黄建平", f"我的邻居姓黄，叫{X}"),
        ("我的同事刘洋洋和房东李大妈都知道", f"我的同事{X}和房东{X}都知道"),
        ("我叫何 平，在岳麓区工作。", f"我叫{X}，在岳麓区工作。"),
        ("我是一名护士，叫周敏。", f"我是一名护士，叫{X}。"),
        ("此致敬礼！来信人：钱多多", f"此致敬礼！来信人：{X}"),
        ("我叫Zhang Wei，my name is Wang Fang.", f"我叫{X}，my name is {X}."),
        ("我是长沙市芙蓉区人民医院的护士长李娟。", f"我是{X}{X}。"),
    ],
)
def test_third_parties(text, expected):
    assert hidden(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "省机关事务管理局局长张学军在会上讲话。",
        "王局长、李处长亲自过问此事。",
        "湖南省财政厅、长沙市人民政府、湖南高速公路集团有限公司相关负责同志参会。",
        "语文老师和全体同志，向老师反映。",
        "2024年全省完成节能改造项目128个，总投资3.5亿元，依据湘政办发〔2024〕15号文件。",
        "办理时间：2024年1月1日—2024年12月31日，请拨打１２３４５或１１０、12369。",
        "湘府中路与芙蓉南路交叉口的人行道破损，2024-03-05已修复，面积1500平方米。",
        "黄金周期间食堂正常开放，程序按照许可证管理规定执行；江西路和黄兴路步行街周边停车位紧张。",
        "常德市、岳阳市、张家界市和娄底市的公共机构节能工作成效明显。",
        "我是江西人，邻居周边都是老同事。",
    ],
)
def test_public_information_stays(text):
    assert hidden(text) == text


@pytest.mark.parametrize(
    "text, kind",
    [
        ("身份证4301 0219 8001 0112 34。", "id_card"),
        ("身份证４３０１０２１９９０１２１２３４５Ｘ。", "id_card"),
        ("身份证 430102 19850615 2847。", "id_card"),
        ("手机+86 138-0013-8000。", "mobile"),
        ("手机186.7310.5555。", "mobile"),
        ("电话幺三八七三幺二三四五六。", "mobile"),
        ("座机（0731）8555 1234。", "landline"),
        ("电话0731—8888 6666。", "landline"),
        ("QQ号：2874561930。", "qq"),
        ("qq:54321987。", "qq"),
        ("微信号：zhaomin_1988。", "wechat"),
        ("我的vx：zenglin2020。", "wechat"),
        ("邮箱 Zhang.San@Gov-Mail.COM 。", "email"),
        ("车牌湘A·D12345。", "plate"),
        ("车牌湘AF12345。", "plate"),
        ("车牌粤B D88888。", "plate"),
        ("卡号6222 0219 0800 1234 567。", "bank_card"),
        ("出生于1958年3月12日。", "birth_date"),
        ("出生日期：1992-07-15。", "birth_date"),
        ("我是1965年出生的。", "birth_date"),
        ("男，1972年8月生，汉族。", "birth_date"),
        ("生日是农历八月十五。", "birth_date"),
        ("我家的门牌号是芙蓉中路一段123号。", "address"),
        ("家住阳光小区5栋2单元301室。", "address"),
        ("住址：长沙县星沙镇东升村3组。", "address"),
        ("我是湖南省某某建筑工程有限公司的项目经理。", "work_unit"),
    ],
)
def test_each_shaped_kind(text, kind):
    spans = find_spans(text, public=NONE)
    assert [span.kind for span in spans] == [kind], [span.text_in(text) for span in spans]
    out = hidden(text)
    assert X in out and not any(c.isdigit() for c in fold(out.replace(X, ""))), out


def test_what_the_visitor_gave_goes_whatever_its_spelling():
    known = ["0731-85551234", "长沙市开福区清水塘路88号阳光小区5栋2单元301室", "heping@qq.com"]
    text = "座机 0731 8555 1234，清水塘路88号阳光小区5栋2单元301室，HePing@QQ.com"
    assert hidden(text, known=known) == f"座机 {X}，{X}，{X}"


def test_published_contacts_stay_and_others_go():
    public = contacts_from(["办公室：0731-82219011\n邮箱：jgswj@hunan.gov.cn"], ["湖南省长沙市天心区湘府中路1号"])
    text = "请联系0731-82219011、82219011或jgswj@hunan.gov.cn，地址：湖南省长沙市天心区湘府中路1号；我的电话0731-82219012。"
    assert hidden(text, public=public) == text.replace("0731-82219012", X)
    assert hidden("车牌湘B·12345", public=public) == f"车牌{X}"  # a hotline inside a plate saves nothing


@pytest.mark.django_db
def test_public_contacts_come_from_the_default_site_and_follow_its_identity():
    site = Site.objects.get(is_default_site=True)
    assert public_contacts() == PublicContacts()
    SiteIdentity.objects.update_or_create(site=site, defaults={"phone": "0731-82219000", "address": "长沙市湘府中路1号"})
    contacts = public_contacts(site)
    assert {"073182219000", "82219000"} <= contacts.phones and contacts.addresses == ("长沙市湘府中路1号",)
    assert redact("电话0731-82219000") == "电话0731-82219000"


def test_without_a_database_nothing_is_public():
    assert public_contacts() == PublicContacts()
    assert redact("电话0731-82219000") == f"电话{X}"


def test_a_contact_pages_table_gives_its_address_and_phones_and_short_forms_stay():
    table = (
        '[{"type": "table", "value": {"rows": [["办公地址", "湖南省长沙市芙蓉区韶山北路1号"], ["值班电话", "0731-82219000"]]}}]'
    )
    public = contacts_from([table])
    text = "地址：长沙市芙蓉区韶山北路1号（韶山北路1号），值班电话82219000；我住韶山北路3号。"
    assert hidden(text, public=public) == f"地址：长沙市芙蓉区韶山北路1号（韶山北路1号），值班电话82219000；我住{X}。"


@pytest.mark.django_db
def test_a_contact_page_edit_is_seen_at_the_next_publish():
    site = Site.objects.get(is_default_site=True)
    page = publish(
        site.root_page, StandardPage(title="联系我们", slug="lxwm", body=[("paragraph", "<p>电话：0731-82219011</p>")])
    )
    assert redact("电话0731-82219011") == "电话0731-82219011"
    page.body = [("paragraph", "<p>电话：0731-82219044</p>")]
    page.save_revision().publish()
    assert redact("电话0731-82219011，0731-82219044") == f"电话{X}，0731-82219044"
    page.unpublish()
    assert redact("电话0731-82219044") == f"电话{X}"
