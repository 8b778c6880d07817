//! Public types are thread-safe and debuggable; values round-trip.

use vanban::{Citation, DocCode, DocType, Extractor, Relation, Span, Tables};

fn assert_send_sync<T: Send + Sync + std::fmt::Debug>() {}

#[test]
fn public_types_are_send_sync_debug() {
    assert_send_sync::<Extractor>();
    assert_send_sync::<Citation>();
    assert_send_sync::<DocCode>();
    assert_send_sync::<Tables>();
    assert_send_sync::<Span>();
    assert_send_sync::<vanban::Error>();
}

#[test]
fn code_display_round_trips() {
    for s in ["178-KL/TW", "30/2020/NĐ-CP", "77/2015/QH13", "123/UBND-KT", "05-QC/BTCTU-BDVTU", "66.7/2025/NQ-CP"] {
        let c: DocCode = s.parse().unwrap();
        assert_eq!(c.to_string(), s);
        assert_eq!(c.to_string().parse::<DocCode>().unwrap(), c);
    }
}

#[test]
fn citation_serde_round_trips() {
    let cites = vanban::extract("Căn cứ khoản 2 Điều 5 Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;");
    let json = serde_json::to_string(&cites).unwrap();
    let back: Vec<Citation> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, cites);
    assert_eq!(cites[0].doc_type, Some(DocType::NghiDinh));
    assert_eq!(cites[0].relation, Relation::BasedOn);
}

#[test]
fn extended_tables_are_used() {
    let text = "Căn cứ Luật Thử nghiệm của Nhà nước năm 2030;";
    let base = vanban::extract(text);
    assert_eq!(base[0].name.as_deref(), Some("Thử nghiệm"));
    let t = Tables::builtin().clone().with_law_names("luat\tThử nghiệm của Nhà nước\n").unwrap();
    let ex = Extractor::with_tables(t);
    let c = ex.extract(text);
    assert_eq!(c[0].name.as_deref(), Some("Thử nghiệm của Nhà nước"));
    assert_eq!(c[0].year, Some(2030));
}
