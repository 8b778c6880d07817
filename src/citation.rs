//! Typed citations: what one reference to another document says.
//!
//! Domain terms are named by their Vietnamese words without diacritics
//! (`NghiQuyet`, `KetLuan`), the same ids the JSON output uses in snake_case
//! (`nghi_quyet`, `ket_luan`); each variant's doc comment gives the printed
//! Vietnamese form and an English gloss.

use crate::code::DocCode;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! id_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $id:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case id used in JSON and in the data tables.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// Looks a variant up by its snake_case id.
            pub fn from_id(id: &str) -> Option<$name> {
                match id { $($id => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }

        impl FromStr for $name {
            type Err = crate::error::UnknownId;
            fn from_str(s: &str) -> Result<$name, Self::Err> {
                $name::from_id(s).ok_or_else(|| crate::error::UnknownId {
                    kind: stringify!($name),
                    id: s.to_string(),
                })
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let s = String::deserialize(d)?;
                $name::from_id(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown {} `{}`", stringify!($name), s)))
            }
        }
    };
}

id_enum! {
    /// The type of a document, as named by the type word in front of its number
    /// (`Kết luận số …`) or, failing that, by the type code inside it (`…-KL/TW`).
    pub enum DocType {
        /// Nghị quyết — resolution.
        NghiQuyet = "nghi_quyet",
        /// Nghị quyết liên tịch — joint resolution.
        NghiQuyetLienTich = "nghi_quyet_lien_tich",
        /// Kết luận — conclusion (Party).
        KetLuan = "ket_luan",
        /// Quyết định — decision.
        QuyetDinh = "quyet_dinh",
        /// Quy định — regulation (shares the code `QĐ` with Quyết định).
        QuyDinh = "quy_dinh",
        /// Chỉ thị — directive.
        ChiThi = "chi_thi",
        /// Kế hoạch — plan.
        KeHoach = "ke_hoach",
        /// Hướng dẫn — guidance.
        HuongDan = "huong_dan",
        /// Thông tri — circular (Party).
        ThongTri = "thong_tri",
        /// Thông báo — notice.
        ThongBao = "thong_bao",
        /// Thông cáo — communiqué.
        ThongCao = "thong_cao",
        /// Báo cáo — report.
        BaoCao = "bao_cao",
        /// Tờ trình — submission.
        ToTrinh = "to_trinh",
        /// Chương trình — programme.
        ChuongTrinh = "chuong_trinh",
        /// Công văn — official letter.
        CongVan = "cong_van",
        /// Công điện — official telegram.
        CongDien = "cong_dien",
        /// Đề án — scheme.
        DeAn = "de_an",
        /// Dự án — project.
        DuAn = "du_an",
        /// Phương án — plan of action.
        PhuongAn = "phuong_an",
        /// Quy chế — working rules.
        QuyChe = "quy_che",
        /// Quy trình — procedure.
        QuyTrinh = "quy_trinh",
        /// Nghị định — government decree.
        NghiDinh = "nghi_dinh",
        /// Thông tư — ministerial circular.
        ThongTu = "thong_tu",
        /// Thông tư liên tịch — joint circular.
        ThongTuLienTich = "thong_tu_lien_tich",
        /// Luật — law.
        Luat = "luat",
        /// Bộ luật — code (of law).
        BoLuat = "bo_luat",
        /// Pháp lệnh — ordinance.
        PhapLenh = "phap_lenh",
        /// Hiến pháp — constitution.
        HienPhap = "hien_phap",
        /// Điều lệ — charter (the Party's, an association's).
        DieuLe = "dieu_le",
        /// Cương lĩnh — political platform.
        CuongLinh = "cuong_linh",
        /// Lệnh — order (of the State President).
        Lenh = "lenh",
        /// Văn bản hợp nhất — consolidated text.
        VanBanHopNhat = "van_ban_hop_nhat",
        /// Bản án — court judgment.
        BanAn = "ban_an",
        /// Giấy phép — licence.
        GiayPhep = "giay_phep",
        /// Đơn đề nghị — application.
        DonDeNghi = "don_de_nghi",
        /// Biên bản — minutes.
        BienBan = "bien_ban",
        /// Hợp đồng — contract.
        HopDong = "hop_dong",
        /// Giấy mời — invitation.
        GiayMoi = "giay_moi",
        /// Bản ghi nhớ — memorandum of understanding.
        BanGhiNho = "ban_ghi_nho",
        /// Chiến lược — strategy.
        ChienLuoc = "chien_luoc",
    }
}

impl DocType {
    /// Whether documents of this type are usually cited by name (laws, codes,
    /// the constitution, ordinances, charters).
    pub fn is_named_type(self) -> bool {
        matches!(self, DocType::Luat | DocType::BoLuat | DocType::PhapLenh | DocType::HienPhap | DocType::DieuLe)
    }
}

id_enum! {
    /// How the citing document relates to the cited one, from the wording
    /// that governs the mention.
    pub enum Relation {
        /// Căn cứ — the cited document is a legal basis.
        BasedOn = "based_on",
        /// Triển khai, thực hiện, quán triệt, cụ thể hóa — carries it out.
        Implements = "implements",
        /// Sửa đổi, bổ sung — amends it.
        Amends = "amends",
        /// Thay thế — replaces it.
        Replaces = "replaces",
        /// Bãi bỏ, hủy bỏ, hết hiệu lực — repeals it.
        Repeals = "repeals",
        /// Hướng dẫn, quy định chi tiết — guides or details it.
        Guides = "guides",
        /// Any other mention.
        Mentions = "mentions",
        /// A press report about the document's issue (graph edges only).
        Reports = "reports",
    }
}

id_enum! {
    /// The shape of a citation.
    pub enum Form {
        /// Identified by a document number code (`178-KL/TW`, `30/2020/NĐ-CP`).
        Coded = "coded",
        /// Identified by name with no code (`Luật Đất đai năm 2024`, `Điều lệ Đảng`).
        Named = "named",
        /// A type word and a bare number (`Nghị quyết 57`, `Kết luận số 178`).
        Short = "short",
    }
}

id_enum! {
    /// An issuing body, or a class of bodies that share one issuer code.
    ///
    /// Codes such as `TU` or `UBND` name a class (`TinhUy`, `UyBanNhanDan`):
    /// which province's body it is comes from the document's context.
    pub enum Body {
        /// The Party Central Committee, Politburo and Secretariat together (code `TW`).
        TrungUongDang = "trung_uong_dang",
        /// Ban Chấp hành Trung ương — the Central Committee.
        BanChapHanhTrungUong = "ban_chap_hanh_trung_uong",
        /// Bộ Chính trị — the Politburo.
        BoChinhTri = "bo_chinh_tri",
        /// Ban Bí thư — the Secretariat.
        BanBiThu = "ban_bi_thu",
        /// Ban Thường vụ Tỉnh ủy — a provincial Party standing committee.
        BanThuongVuTinhUy = "ban_thuong_vu_tinh_uy",
        /// Tỉnh ủy / Thành ủy — a provincial Party committee (code `TU`).
        TinhUy = "tinh_uy",
        /// Huyện ủy — a district Party committee (code `HU`).
        HuyenUy = "huyen_uy",
        /// Quận ủy — an urban district Party committee (code `QU`).
        QuanUy = "quan_uy",
        /// Thị ủy — a town Party committee.
        ThiUy = "thi_uy",
        /// Đảng ủy — a Party committee of a commune, bloc or enterprise (code `ĐU`).
        DangUy = "dang_uy",
        /// Chi bộ — a Party cell.
        ChiBo = "chi_bo",
        /// Quân ủy Trung ương — the Central Military Commission (2011–2025).
        QuanUyTrungUong = "quan_uy_trung_uong",
        /// Đảng ủy Quân sự Trung ương — the Central Military Party Committee.
        DangUyQuanSuTrungUong = "dang_uy_quan_su_trung_uong",
        /// Đảng ủy Công an Trung ương — the Central Public Security Party Committee.
        DangUyCongAnTrungUong = "dang_uy_cong_an_trung_uong",
        /// Ban Chỉ đạo Trung ương — a central steering committee (several share `BCĐTW`).
        BanChiDaoTrungUong = "ban_chi_dao_trung_uong",
        /// Ban Chỉ đạo — a local steering committee.
        BanChiDao = "ban_chi_dao",
        /// Ban Tổ chức Trung ương — the Central Organisation Commission.
        BanToChucTrungUong = "ban_to_chuc_trung_uong",
        /// Văn phòng Trung ương Đảng — the Party Central Office.
        VanPhongTrungUong = "van_phong_trung_uong",
        /// Ủy ban Kiểm tra Trung ương — the Central Inspection Commission.
        UyBanKiemTraTrungUong = "uy_ban_kiem_tra_trung_uong",
        /// Ban Tuyên giáo Trung ương — the Central Propaganda Commission (until 2025).
        BanTuyenGiaoTrungUong = "ban_tuyen_giao_trung_uong",
        /// Ban Dân vận Trung ương — the Central Mass Mobilisation Commission (until 2025).
        BanDanVanTrungUong = "ban_dan_van_trung_uong",
        /// Ban Tuyên giáo và Dân vận Trung ương — the merged commission (2025).
        BanTuyenGiaoDanVanTrungUong = "ban_tuyen_giao_dan_van_trung_uong",
        /// Đảng đoàn Quốc hội — the National Assembly Party Delegation.
        DangDoanQuocHoi = "dang_doan_quoc_hoi",
        /// Văn phòng Tỉnh ủy — a provincial Party office.
        VanPhongTinhUy = "van_phong_tinh_uy",
        /// Ban Tổ chức Tỉnh ủy — a provincial organisation commission.
        BanToChucTinhUy = "ban_to_chuc_tinh_uy",
        /// Ủy ban Kiểm tra Tỉnh ủy — a provincial inspection commission.
        UyBanKiemTraTinhUy = "uy_ban_kiem_tra_tinh_uy",
        /// Ban Tuyên giáo Tỉnh ủy — a provincial propaganda commission.
        BanTuyenGiaoTinhUy = "ban_tuyen_giao_tinh_uy",
        /// Ban Dân vận Tỉnh ủy — a provincial mass mobilisation commission.
        BanDanVanTinhUy = "ban_dan_van_tinh_uy",
        /// Quốc hội — the National Assembly.
        QuocHoi = "quoc_hoi",
        /// Ủy ban Thường vụ Quốc hội — the National Assembly Standing Committee.
        UyBanThuongVuQuocHoi = "uy_ban_thuong_vu_quoc_hoi",
        /// Văn phòng Quốc hội — the Office of the National Assembly.
        VanPhongQuocHoi = "van_phong_quoc_hoi",
        /// Chủ tịch nước — the State President.
        ChuTichNuoc = "chu_tich_nuoc",
        /// Chính phủ — the Government.
        ChinhPhu = "chinh_phu",
        /// Thủ tướng Chính phủ — the Prime Minister.
        ThuTuong = "thu_tuong",
        /// Văn phòng Chính phủ — the Government Office.
        VanPhongChinhPhu = "van_phong_chinh_phu",
        /// Bộ Nội vụ — Ministry of Home Affairs.
        BoNoiVu = "bo_noi_vu",
        /// Bộ Tài chính — Ministry of Finance.
        BoTaiChinh = "bo_tai_chinh",
        /// Bộ Công an — Ministry of Public Security.
        BoCongAn = "bo_cong_an",
        /// Bộ Quốc phòng — Ministry of National Defence.
        BoQuocPhong = "bo_quoc_phong",
        /// Bộ Ngoại giao — Ministry of Foreign Affairs.
        BoNgoaiGiao = "bo_ngoai_giao",
        /// Bộ Tư pháp — Ministry of Justice.
        BoTuPhap = "bo_tu_phap",
        /// Bộ Y tế — Ministry of Health.
        BoYTe = "bo_y_te",
        /// Bộ Giáo dục và Đào tạo — Ministry of Education and Training.
        BoGiaoDucDaoTao = "bo_giao_duc_dao_tao",
        /// Bộ Văn hóa, Thể thao và Du lịch — Ministry of Culture, Sports and Tourism.
        BoVanHoaTheThaoDuLich = "bo_van_hoa_the_thao_du_lich",
        /// Bộ Công Thương — Ministry of Industry and Trade.
        BoCongThuong = "bo_cong_thuong",
        /// Bộ Xây dựng — Ministry of Construction.
        BoXayDung = "bo_xay_dung",
        /// Bộ Khoa học và Công nghệ — Ministry of Science and Technology.
        BoKhoaHocCongNghe = "bo_khoa_hoc_cong_nghe",
        /// Bộ Nông nghiệp và Môi trường — Ministry of Agriculture and Environment (2025).
        BoNongNghiepMoiTruong = "bo_nong_nghiep_moi_truong",
        /// Bộ Dân tộc và Tôn giáo — Ministry of Ethnic and Religious Affairs (2025).
        BoDanTocTonGiao = "bo_dan_toc_ton_giao",
        /// Bộ Kế hoạch và Đầu tư — Ministry of Planning and Investment (until 2025).
        BoKeHoachDauTu = "bo_ke_hoach_dau_tu",
        /// Bộ Lao động – Thương binh và Xã hội (until 2025).
        BoLaoDongThuongBinhXaHoi = "bo_lao_dong_thuong_binh_xa_hoi",
        /// Bộ Giao thông vận tải (until 2025).
        BoGiaoThongVanTai = "bo_giao_thong_van_tai",
        /// Bộ Thông tin và Truyền thông (until 2025).
        BoThongTinTruyenThong = "bo_thong_tin_truyen_thong",
        /// Bộ Nông nghiệp và Phát triển nông thôn (until 2025).
        BoNongNghiepPhatTrienNongThon = "bo_nong_nghiep_phat_trien_nong_thon",
        /// Bộ Tài nguyên và Môi trường (until 2025).
        BoTaiNguyenMoiTruong = "bo_tai_nguyen_moi_truong",
        /// Ngân hàng Nhà nước — the State Bank.
        NganHangNhaNuoc = "ngan_hang_nha_nuoc",
        /// Thanh tra Chính phủ — the Government Inspectorate.
        ThanhTraChinhPhu = "thanh_tra_chinh_phu",
        /// Kiểm toán nhà nước — the State Audit Office.
        KiemToanNhaNuoc = "kiem_toan_nha_nuoc",
        /// Tòa án nhân dân tối cao — the Supreme People's Court.
        ToaAnNhanDanToiCao = "toa_an_nhan_dan_toi_cao",
        /// Hội đồng Thẩm phán — the Council of Judges of the Supreme Court.
        HoiDongThamPhan = "hoi_dong_tham_phan",
        /// Viện kiểm sát nhân dân tối cao — the Supreme People's Procuracy.
        VienKiemSatNhanDanToiCao = "vien_kiem_sat_nhan_dan_toi_cao",
        /// Ủy ban nhân dân — a People's Committee at any level (code `UBND`).
        UyBanNhanDan = "uy_ban_nhan_dan",
        /// Hội đồng nhân dân — a People's Council at any level (code `HĐND`).
        HoiDongNhanDan = "hoi_dong_nhan_dan",
    }
}

/// A calendar date, validated (no 31 February).
///
/// ```
/// use vanban::Date;
/// let d = Date::new(2025, 7, 17).unwrap();
/// assert_eq!(d.to_string(), "2025-07-17");
/// assert!(Date::new(2025, 2, 29).is_none());
/// assert_eq!("2024-02-29".parse::<Date>().unwrap(), Date::new(2024, 2, 29).unwrap());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, or `None` when it does not exist or the year is outside 1900–2100.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (day <= days).then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = crate::error::ParseError;
    /// Parses the ISO form `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, Self::Err> {
        let bad = || crate::error::ParseError::new(crate::error::ParseErrorKind::InvalidDate(s.to_string()));
        let mut it = s.split('-');
        let (y, m, d) = (it.next().ok_or_else(bad)?, it.next().ok_or_else(bad)?, it.next().ok_or_else(bad)?);
        if it.next().is_some() || y.len() != 4 {
            return Err(bad());
        }
        let (y, m, d) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        Date::new(y, m, d).ok_or_else(bad)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The issuer phrase after a citation (`của Bộ Chính trị, Ban Bí thư`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issuer {
    /// The phrase as printed, without the leading `của`, whitespace collapsed.
    pub text: String,
    /// The bodies recognised in the phrase, in order.
    pub bodies: Vec<Body>,
    /// Where the phrase stands in the original input.
    pub span: Span,
}

id_enum! {
    /// A division of a document that a pinpoint names.
    pub enum Division {
        /// Phần — part.
        Phan = "phan",
        /// Chương — chapter.
        Chuong = "chuong",
        /// Mục — section.
        Muc = "muc",
        /// Tiểu mục — subsection.
        TieuMuc = "tieu_muc",
        /// Điều — article.
        Dieu = "dieu",
        /// Khoản — clause.
        Khoan = "khoan",
        /// Điểm — point.
        Diem = "diem",
        /// Tiết — item (older texts).
        Tiet = "tiet",
        /// Phụ lục — appendix.
        PhuLuc = "phu_luc",
    }
}

/// One level of a pinpoint: a division and the labels it names
/// (`khoản 1, 2 và 3` → `Khoan`, `["1", "2", "3"]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinpointPart {
    /// The kind of division.
    pub division: Division,
    /// The labels as printed (`5`, `5a`, `đ`, `II`, `1.3`); a range
    /// `từ Điều 5 đến Điều 10` gives `["5", "10"]` with `range` set.
    pub labels: Vec<String>,
    /// Whether the two labels are the ends of a range.
    pub range: bool,
}

/// A pinpoint in front of a citation (`điểm a khoản 2 Điều 5`), smallest
/// division first, as printed.
// (its compact JSON is also written field by field in `export::compact`:
// a field added here or to `PinpointPart` goes there too)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pinpoint {
    /// The divisions, in printed order (smallest first).
    pub parts: Vec<PinpointPart>,
    /// The pinpoint text as printed, whitespace collapsed.
    pub text: String,
    /// Where it stands in the original input.
    pub span: Span,
}

/// One reference to another document.
///
/// ```
/// use vanban::{extract, DocType, Form, Relation};
/// let text = "Triển khai Kết luận số 178-KL/TW, ngày 17/7/2025 của Bộ Chính trị, Ban Bí thư.";
/// let c = &extract(text)[0];
/// assert_eq!(&text[c.span], "Kết luận số 178-KL/TW, ngày 17/7/2025");
/// assert_eq!(c.form, Form::Coded);
/// assert_eq!(c.doc_type, Some(DocType::KetLuan));
/// assert_eq!(c.code.as_ref().unwrap().to_string(), "178-KL/TW");
/// assert_eq!(c.date.unwrap().to_string(), "2025-07-17");
/// assert_eq!(c.issuer.as_ref().unwrap().text, "Bộ Chính trị, Ban Bí thư");
/// assert_eq!(c.relation, Relation::Implements);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Citation {
    /// The cited text (type word through code, and the date when present),
    /// as a byte range of the caller's input.
    pub span: Span,
    /// `&input[span]`.
    pub text: String,
    /// Coded, named or short.
    pub form: Form,
    /// The document type, from the type word or else the code.
    pub doc_type: Option<DocType>,
    /// The type word as printed (`Kết luận`, `QĐ`), whitespace collapsed.
    pub type_word: Option<String>,
    /// The parsed document number code (coded citations).
    pub code: Option<DocCode>,
    /// The number as printed (`178`, `66.7`, `188/2025`).
    pub number: Option<String>,
    /// The issue date stated with this mention (or shared by its list).
    pub date: Option<Date>,
    /// A year stated with a named citation (`Luật Đất đai năm 2024`).
    pub year: Option<u16>,
    /// The name of a named citation (or of a coded law): the words after
    /// the type word, as printed, whitespace collapsed.
    pub name: Option<String>,
    /// The issuer phrase after the citation.
    pub issuer: Option<Issuer>,
    /// The pinpoint in front of the citation.
    pub pinpoint: Option<Pinpoint>,
    /// How the citing text relates to the cited document.
    pub relation: Relation,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for t in DocType::ALL {
            assert_eq!(DocType::from_id(t.id()), Some(*t));
            assert_eq!(t.to_string().parse::<DocType>().unwrap(), *t);
        }
        for b in Body::ALL {
            assert_eq!(Body::from_id(b.id()), Some(*b));
        }
        for r in Relation::ALL {
            assert_eq!(serde_json::to_string(r).unwrap(), format!("\"{}\"", r.id()));
        }
        assert!("nope".parse::<DocType>().is_err());
    }

    #[test]
    fn dates_validate() {
        assert!(Date::new(2025, 2, 28).is_some());
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2025, 4, 31).is_none());
        assert!(Date::new(2025, 13, 1).is_none());
        assert!(Date::new(2025, 1, 0).is_none());
        assert!("2025-7-1".parse::<Date>().is_ok());
        assert!("2025-07".parse::<Date>().is_err());
        let d: Date = serde_json::from_str("\"2025-01-24\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2025-01-24\"");
    }
}
