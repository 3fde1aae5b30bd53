"""Search benchmark: 100,000 generated Chinese documents through the embedded engine; indexing rate, query p50/p95.

Run from the project root: `.venv/bin/python bench/search/run.py [--docs 100000] [--repeat 20]`. It uses its own
SQLite file (bench/search/bench.sqlite3, recreated each run) and prints, for each kind of query, the full engine
search (hits, snippets, total, six facet counts) next to the bare FTS5 query (best 10 ids by bm25) in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = ROOT / "bench" / "search" / "bench.sqlite3"
sys.path.insert(0, str(ROOT))

ORGANS = [
    ("11430000006220052X", "湖南省机关事务管理局"),
    ("114300000061000000", "湖南省财政厅"),
    ("114300000061001111", "湖南省发展和改革委员会"),
    ("114300000061002222", "湖南省住房和城乡建设厅"),
    ("114300000061003333", "湖南省人力资源和社会保障厅"),
    ("114300000061004444", "湖南省应急管理厅"),
]
TOPICS = ["jgsw", "cz", "gyzc", "zhzw", "nyhb", "aqsc"]
TYPES = [
    "disclosure.disclosureitempage",
    "policy.policypage",
    "policy.interpretationpage",
    "news.newspage",
    "columns.columnarticlepage",
    "press.pressconferencepage",
]
SECTIONS = ["xxgk", "news", "ztzl", "xwfbh"]
SUBJECTS = [
    "公务用车",
    "办公用房",
    "公共机构节能",
    "机关食堂",
    "会议服务",
    "政府采购",
    "国有资产",
    "周转住房",
    "机关幼儿园",
    "安全保卫",
    "物业管理",
    "节约型机关",
    "垃圾分类",
    "电子政务",
    "三公经费",
    "部门预算",
    "决算公开",
    "绿色出行",
    "新能源汽车",
    "办公设备",
    "资产处置",
    "维修改造",
    "应急保障",
    "机关事务标准化",
    "后勤服务社会化",
]
ACTIONS = [
    "管理办法",
    "实施意见",
    "工作方案",
    "考核细则",
    "专项检查",
    "培训会议",
    "情况通报",
    "制度改革",
    "采购公告",
    "配置标准",
    "使用规定",
    "宣传周活动",
    "年度报告",
    "政策解读",
    "新闻发布会",
]
SENTENCES = [
    "为进一步加强{s}管理，规范{s}{a}，结合本省实际，制定本方案。",
    "各单位要高度重视{s}工作，切实履行主体责任。",
    "{o}召开{s}{a}部署会议，总结上一年度工作，安排下一阶段重点任务。",
    "严格执行{s}配置标准，严禁超标准、超编制配备。",
    "推进{s}信息化建设，建成全省统一的管理平台，实现数据共享和动态监管。",
    "对{s}使用情况开展专项检查，发现问题立行立改。",
    "本办法自发布之日起施行，由{o}负责解释。",
    "坚持厉行节约、反对浪费，降低行政运行成本。",
    "全年共处置闲置资产一批，盘活存量资源，提高使用效益。",
    "深入开展节能降耗行动，单位建筑面积能耗同比下降。",
    "严格落实中央八项规定精神，持续压减一般性支出和三公经费。",
    "进一步完善后勤服务保障体系，提升服务质量和群众满意度。",
]


def generate(n: int, seed: int = 42):
    from search.documents import SearchDoc

    rng = random.Random(seed)
    import datetime

    for i in range(1, n + 1):
        code, organ = rng.choice(ORGANS)
        subject, action = rng.choice(SUBJECTS), rng.choice(ACTIONS)
        year = rng.randint(2012, 2025)
        body = "".join(
            rng.choice(SENTENCES).format(s=rng.choice(SUBJECTS) if rng.random() < 0.4 else subject, a=action, o=organ)
            for _ in range(rng.randint(3, 6))
        )
        page_type = rng.choice(TYPES)
        is_item = page_type.startswith(("disclosure", "policy"))
        yield SearchDoc(
            page_id=i,
            url=f"/bench/{i}/",
            title=f"{organ}关于{subject}{action}的通知" if is_item else f"{subject}{action}",
            summary=body[:60],
            body=body,
            meta=f"{code}/{year}-{i:05d} 湘机管发〔{year}〕{i % 300}号 {organ} {subject}" if is_item else organ,
            index_number=f"{code}/{year}-{i:05d}" if is_item else "",
            page_type=page_type,
            section="xxgk" if is_item else rng.choice(SECTIONS[1:]),
            organ=code if is_item else "",
            topic=rng.choice(TOPICS) if is_item else "",
            year=year,
            validity=rng.choice(["valid", "valid", "valid", "expired", "repealed"]) if is_item else "",
            date=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
        )


QUERIES = {
    "one word": [{"q": q} for q in ["公务用车", "办公用房", "节能", "机关食堂", "政府采购", "三公经费", "周转住房", "垃圾分类"]],
    "several words": [
        {"q": q}
        for q in [
            "公务用车 管理办法",
            "办公用房 维修改造 检查",
            "节能 降耗 机关",
            "预算 决算 公开",
            "新能源汽车 绿色出行",
            "食堂 节约 浪费",
        ]
    ],
    "filtered": [
        {"q": "公务用车", "year": "2020"},
        {"q": "办公用房", "organ": "11430000006220052X"},
        {"q": "节能", "type": "policy.policypage", "validity": "valid"},
        {"q": "政府采购", "topic": "cz"},
        {"q": "三公经费", "section": "xxgk", "sort": "date"},
        {"q": "周转住房 管理", "year": "2016"},
    ],
}


# What the search page does (search/answer.py): the same engine behind question words, relaxation, corrections.
ANSWER_QUERIES = {
    "one word": QUERIES["one word"],
    "several words": QUERIES["several words"],
    "filtered": QUERIES["filtered"],
    "question": [
        {"q": q}
        for q in ["公务用车怎么管理", "如何申请办公用房维修改造", "三公经费是多少", "机关食堂什么时候开放", "哪里查部门预算公开"]
    ],
    "abbreviation": [{"q": q} for q in ["公车", "车补", "三公", "国资", "年报"]],
    "typo": [{"q": q} for q in ["公物用车", "办公用方", "垃圾分累", "部门预酸", "周转住方管理办法"]],
    "pinyin": [{"q": q} for q in ["gongwuyongche", "gwyc", "bangongyongfang", "sangongjingfei", "jgst"]],
    "english": [{"q": q} for q in ["annual report", "official car", "budget", "energy saving", "contact us"]],
    "relaxation": [
        {"q": q}
        for q in ["公务用车 量子纠缠", "三公经费 垃圾分类 机关幼儿园 培训会议", "节能 周转住房 新能源汽车 电子政务", "星际旅行"]
    ],
}


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the index from an earlier run with the same --docs (times queries only)"
    )
    parser.add_argument(
        "--opensearch",
        nargs="?",
        const="",
        metavar="URL",
        help="also index the documents into OpenSearch and time the same queries there: the cluster at URL, or "
        "with no URL a three-node cluster of the benchmark's own (deploy/opensearch, ports 9280-9282)",
    )
    args = parser.parse_args()

    reuse = args.reuse and DB.exists()
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcms.settings.test")
    import django

    django.setup()
    from django.db import connection

    from cms.core.models import Generation
    from search.engines.sqlite_fts import SqliteFtsEngine, match_all, match_any
    from search.models import BestBet, IndexState, SearchEntry, SynonymRule
    from search.query import parse
    from search.synonyms import load_dictionary

    engine = SqliteFtsEngine()
    if reuse and engine.count() != args.docs:
        sys.exit(f"error: {DB} holds {engine.count():,} documents, not {args.docs:,}; run without --reuse")
    if reuse:
        report = {"documents": args.docs, "reused_index": True, "queries": {}}
        print(f"reusing the index of {args.docs:,} documents in {DB.name}")
    else:
        with connection.schema_editor() as editor:
            editor.create_model(SearchEntry)
            editor.create_model(SynonymRule)
            editor.create_model(IndexState)
            editor.create_model(BestBet)
            editor.create_model(Generation)  # the content generation the facet table and vocabulary follow
        engine.ensure_schema()
        load_dictionary()  # the synonym dictionary every site ships with
        docs = list(generate(args.docs))
        chars = sum(len(d.title) + len(d.body) + len(d.meta) + len(d.summary) for d in docs)
        started = time.perf_counter()
        engine.rebuild(docs, len(docs))
        seconds = time.perf_counter() - started
        report = {
            "documents": len(docs),
            "characters": chars,
            "rebuild_seconds": round(seconds, 1),
            "docs_per_second": round(len(docs) / seconds),
            "db_mb": round(DB.stat().st_size / 2**20, 1),
            "queries": {},
        }
        print(
            f"rebuild: {len(docs):,} documents ({chars / 1e6:.1f} M characters) in {seconds:.1f} s = "
            f"{len(docs) / seconds:,.0f} docs/s; database {report['db_mb']} MB"
        )
        del docs

    from search.engines.columns import facet_table

    started = time.perf_counter()
    facet_table(engine.name)
    load_ms = (time.perf_counter() - started) * 1000
    report["facet_table_load_ms"] = round(load_ms, 1)
    print(f"facet table loaded in {load_ms:.0f} ms (once per process, and again after each change to the index)")
    print(f"{'query kind':<15}{'engine p50':>12}{'engine p95':>12}{'raw FTS5 p50':>14}{'raw FTS5 p95':>14}  mean hits")
    for kind, param_list in QUERIES.items():
        full, raw, totals = [], [], []
        for params in param_list:
            query, _ = parse({**params, "per_page": "10"})
            expr = match_all(query) if len(query.words) > 1 else match_any(query)
            engine.search(query)  # warm
            for _ in range(args.repeat):
                t = time.perf_counter()
                results = engine.search(query)
                full.append(time.perf_counter() - t)
                t = time.perf_counter()
                engine.raw_match(expr)
                raw.append(time.perf_counter() - t)
            totals.append(results.total)
        row = {
            "engine_p50_ms": pct(full, 50),
            "engine_p95_ms": pct(full, 95),
            "raw_p50_ms": pct(raw, 50),
            "raw_p95_ms": pct(raw, 95),
            "mean_total_hits": round(statistics.mean(totals)),
        }
        report["queries"][kind] = {k: round(v, 1) for k, v in row.items()}
        print(
            f"{kind:<15}{row['engine_p50_ms']:>10.1f}ms{row['engine_p95_ms']:>10.1f}ms{row['raw_p50_ms']:>12.1f}ms"
            f"{row['raw_p95_ms']:>12.1f}ms  {row['mean_total_hits']:,}"
        )
    from search import vocabulary
    from search.answer import answer

    started = time.perf_counter()
    vocabulary.vocabulary()
    load_ms = (time.perf_counter() - started) * 1000
    report["vocabulary_load_ms"] = round(load_ms, 1)
    print(f"\nvocabulary of the titles (pinyin, patterns) built in {load_ms:.0f} ms (per process, then at most every 5 min)")
    print("the search page's answer (search/answer.py: question words, relaxation, corrections, ranking, kinds):")
    print(f"{'query kind':<15}{'answer p50':>12}{'answer p95':>12}  mean hits  engine searches")
    report["answers"] = {}
    for kind, param_list in ANSWER_QUERIES.items():
        full, totals, calls = [], [], []
        for params in param_list:
            query, _ = parse({**params, "per_page": "10"})
            counted = []
            search = engine.search

            def counting(q, search=search, counted=counted):
                counted.append(1)
                return search(q)

            engine.search = counting
            answer(query, engine=engine)  # warm
            counted.clear()
            for _ in range(args.repeat):
                t = time.perf_counter()
                result = answer(query, engine=engine)
                full.append(time.perf_counter() - t)
            engine.search = search
            totals.append(result.results.total)
            calls.append(len(counted) / args.repeat)
        row = {
            "answer_p50_ms": round(pct(full, 50), 1),
            "answer_p95_ms": round(pct(full, 95), 1),
            "mean_total_hits": round(statistics.mean(totals)),
            "searches_per_answer": round(statistics.mean(calls), 1),
        }
        report["answers"][kind] = row
        print(
            f"{kind:<15}{row['answer_p50_ms']:>10.1f}ms{row['answer_p95_ms']:>10.1f}ms  {row['mean_total_hits']:>9,}"
            f"  {row['searches_per_answer']:>6}"
        )
    if args.opensearch is not None:
        opensearch_bench(args, report)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "search.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))


def opensearch_bench(args, report) -> None:
    """The same documents and queries on OpenSearch (one replica), next to the embedded engine's figures."""
    import importlib.util
    import tempfile

    from search.engines.opensearch import OpenSearchEngine
    from search.query import parse

    cluster = None
    url = args.opensearch
    if not url:
        spec = importlib.util.spec_from_file_location("cluster", ROOT / "deploy" / "opensearch" / "cluster.py")
        controller = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(controller)
        controller.build()
        cluster = controller.Cluster.create(tempfile.mkdtemp(prefix="govcms-bench-opensearch-"), 9280, 9380, "512m", "bench")
        started = time.perf_counter()
        cluster.start()
        print(f"opensearch: three nodes green in {time.perf_counter() - started:.0f} s at {cluster.url}")
        url = cluster.url
    engine = OpenSearchEngine(url, index_prefix="govcms-bench", timeout=30.0)
    try:
        for name in engine.current_indices():
            engine.client.indices.delete(index=name)
        started = time.perf_counter()
        count = engine.rebuild(generate(args.docs), args.docs)
        seconds = time.perf_counter() - started
        row = {"documents": count, "rebuild_seconds": round(seconds, 1), "docs_per_second": round(count / seconds)}
        report["opensearch"] = {**row, "url": url, "replicas": engine.replicas, "queries": {}}
        print(
            f"opensearch rebuild: {count:,} documents in {seconds:.1f} s = {count / seconds:,.0f} docs/s "
            f"(jieba in worker processes, bulk of 500, one replica, green before the alias swap)"
        )
        header = f"{'query kind':<15}{'embedded p50':>14}{'embedded p95':>14}{'opensearch p50':>16}{'opensearch p95':>16}"
        print(f"{header}  mean hits")
        for kind, param_list in QUERIES.items():
            times, totals = [], []
            for params in param_list:
                query, _ = parse({**params, "per_page": "10"})
                engine.search(query)  # warm
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    results = engine.search(query)
                    times.append(time.perf_counter() - t)
                totals.append(results.total)
            figures = {"p50_ms": round(pct(times, 50), 1), "p95_ms": round(pct(times, 95), 1)}
            figures["mean_total_hits"] = round(statistics.mean(totals))
            report["opensearch"]["queries"][kind] = figures
            embedded = report["queries"][kind]
            print(
                f"{kind:<15}{embedded['engine_p50_ms']:>12.1f}ms{embedded['engine_p95_ms']:>12.1f}ms"
                f"{figures['p50_ms']:>14.1f}ms{figures['p95_ms']:>14.1f}ms  "
                f"{embedded['mean_total_hits']:,} / {figures['mean_total_hits']:,}"
            )
    finally:
        for name in engine.current_indices():
            engine.client.indices.delete(index=name)
        if cluster is not None:
            cluster.stop()
            import shutil

            shutil.rmtree(cluster.dir, ignore_errors=True)


if __name__ == "__main__":
    main()
