"""What the disclosure tests send: a valid citizen application."""

VALID_ID = "11010519491231002X"
VALID_CREDIT_CODE = "91110000600037341L"


def citizen_application(**overrides) -> dict:
    data = {
        "applicant_type": "citizen",
        "name": "张三",
        "id_type": "id_card",
        "id_number": VALID_ID,
        "work_unit": "",
        "phone": "138 0731 2345",
        "email": "zhangsan@example.com",
        "address": "湖南省长沙市芙蓉区五一大道100号",
        "postcode": "410011",
        "info_title": "2024年省直机关办公用房维修项目清单",
        "info_document_number": "湘机管发〔2024〕3号",
        "info_description": "2024年度省直机关办公用房维修项目的名称、金额和承建单位。",
        "purpose": "",
        "medium": "email",
        "delivery": "email",
        "website": "",
        "submission_token": "token-1",
    }
    data.update(overrides)
    return data
