//! The demo press registry: a dozen fictional companies of South Sumatra, of every media type
//! and in every state an officer meets - verified and merely registered, lapsed, suspended,
//! barred, in a legal form the policy refuses, with an account in a person's name - so that
//! every screen of the registry and every eligibility outcome has something true to show.
//!
//! Names, numbers and people are invented; NIKs carry OKI's area code (1602) and a birth date
//! only because a NIK must.

use chrono::{Months, NaiveDate};
use mitra_domain::identity::{Email, FullName};
use mitra_domain::money::Rupiah;
use mitra_domain::policy::FiscalYear;
use mitra_domain::press::{CompetenceLevel, LegalForm, MediaType, PressCouncilStatus};
use mitra_domain::registry::{
    CompanyProfile, CompanyStatus, Competence, NewBankAccount, NewPerson, NewsroomRole, Nik, Npwp, OutletProfile,
    OutletScale, Periodicity, PersonDetails, PressCouncilCheck, StatusDecision,
};
use mitra_persistence::{StoreError, Tx, registry};

struct Company {
    legal_name: &'static str,
    legal_form: LegalForm,
    npwp: &'static str,
    /// Years since the deed; also how long its first outlet has published.
    age_years: u32,
    staff: u32,
    capital: i64,
    local_office: bool,
    association: &'static str,
    vat_registered: bool,
    /// The Press Council's answer, and how many months it is still valid (negative: lapsed).
    standing: Option<(PressCouncilStatus, i32)>,
    /// A decision against the company, with its reason.
    decision: Option<(CompanyStatus, &'static str)>,
    outlets: &'static [Outlet],
    people: &'static [Person],
    /// The bank, and the holder's name when it is not the company's own.
    bank: Option<(&'static str, &'static str, Option<&'static str>)>,
}

struct Outlet {
    name: &'static str,
    media_type: MediaType,
    scale: OutletScale,
    periodicity: Periodicity,
    url: Option<&'static str>,
    /// Broadcast frequency, or print circulation / online monthly visitors.
    reach: Reach,
}

enum Reach {
    Frequency(&'static str),
    Circulation(u64),
    Visitors(u64),
}

struct Person {
    nik: &'static str,
    name: &'static str,
    role: NewsroomRole,
    competence: Option<CompetenceLevel>,
}

const fn editor(nik: &'static str, name: &'static str, competence: Option<CompetenceLevel>) -> Person {
    Person { nik, name, role: NewsroomRole::EditorInChief, competence }
}

const fn journalist(nik: &'static str, name: &'static str, competence: Option<CompetenceLevel>) -> Person {
    Person { nik, name, role: NewsroomRole::Journalist, competence }
}

use CompetenceLevel::{Madya, Muda, Utama};
use MediaType::{Online, Print, Radio, Tv};
use OutletScale::{Local, National, Provincial};
use PressCouncilStatus::{AdministrativelyVerified, FactuallyVerified, Registered};

const COMPANIES: &[Company] = &[
    Company {
        legal_name: "PT Kayuagung Media Utama",
        legal_form: LegalForm::Pt,
        npwp: "02.417.583.6-312.000",
        age_years: 9,
        staff: 14,
        capital: 250_000_000,
        local_office: true,
        association: "SMSI",
        vat_registered: true,
        standing: Some((FactuallyVerified, 20)),
        decision: None,
        outlets: &[Outlet {
            name: "Kayuagung Terkini",
            media_type: Online,
            scale: Local,
            periodicity: Periodicity::Continuous,
            url: Some("https://kayuagungterkini.example.id"),
            reach: Reach::Visitors(180_000),
        }],
        people: &[
            editor("1602011208780004", "Rahmat Hidayat", Some(Utama)),
            journalist("1602015503900002", "Siti Aisyah", Some(Madya)),
            journalist("1602012711950001", "Dedi Kurniawan", Some(Muda)),
        ],
        bank: Some(("Bank Sumsel Babel", "1490 2310 0456", None)),
    },
    Company {
        legal_name: "PT Cahaya Sriwijaya Pers",
        legal_form: LegalForm::Pt,
        npwp: "01.882.140.9-301.000",
        age_years: 22,
        staff: 48,
        capital: 1_500_000_000,
        local_office: true,
        association: "SPS",
        vat_registered: true,
        standing: Some((FactuallyVerified, 30)),
        decision: None,
        outlets: &[
            Outlet {
                name: "Harian Cahaya Sriwijaya",
                media_type: Print,
                scale: Provincial,
                periodicity: Periodicity::Daily,
                url: None,
                reach: Reach::Circulation(12_000),
            },
            Outlet {
                name: "cahayasriwijaya.example.id",
                media_type: Online,
                scale: Provincial,
                periodicity: Periodicity::Continuous,
                url: Some("https://cahayasriwijaya.example.id"),
                reach: Reach::Visitors(950_000),
            },
        ],
        people: &[
            editor("1671020304700011", "Hendra Saputra", Some(Utama)),
            journalist("1671024109880006", "Nurul Fadilah", Some(Madya)),
        ],
        bank: Some(("Bank Mandiri", "112-00-0987654-3", None)),
    },
    Company {
        legal_name: "PT Radio Suara Komering",
        legal_form: LegalForm::Pt,
        npwp: "03.225.671.4-312.000",
        age_years: 15,
        staff: 9,
        capital: 100_000_000,
        local_office: true,
        association: "PRSSNI",
        vat_registered: false,
        standing: Some((AdministrativelyVerified, 14)),
        decision: None,
        outlets: &[Outlet {
            name: "Suara Komering FM",
            media_type: Radio,
            scale: Local,
            periodicity: Periodicity::Continuous,
            url: None,
            reach: Reach::Frequency("98.7 MHz"),
        }],
        people: &[editor("1602022105820003", "Zulkifli Anwar", Some(Madya))],
        bank: Some(("Bank Rakyat Indonesia", "0123-01-004567-50-9", None)),
    },
    Company {
        legal_name: "PT Televisi Lintas Ogan",
        legal_form: LegalForm::Pt,
        npwp: "03.651.908.2-312.000",
        age_years: 6,
        staff: 21,
        capital: 500_000_000,
        local_office: true,
        association: "ATVLI",
        vat_registered: true,
        standing: Some((Registered, 8)),
        decision: None,
        outlets: &[Outlet {
            name: "Lintas Ogan TV",
            media_type: Tv,
            scale: Local,
            periodicity: Periodicity::Continuous,
            url: Some("https://lintasogan.example.id"),
            reach: Reach::Frequency("UHF 32"),
        }],
        people: &[
            editor("1602030609800005", "Agus Salim", Some(Madya)),
            journalist("1602034812930004", "Rina Marlina", None),
        ],
        bank: Some(("Bank Negara Indonesia", "0298765431", None)),
    },
    Company {
        legal_name: "PT Berita Pesisir Timur",
        legal_form: LegalForm::PtPerorangan,
        npwp: "04.117.302.5-312.000",
        age_years: 2,
        staff: 3,
        capital: 10_000_000,
        local_office: true,
        association: "",
        vat_registered: false,
        standing: Some((Registered, 10)),
        decision: None,
        outlets: &[Outlet {
            name: "Pesisir Timur News",
            media_type: Online,
            scale: Local,
            periodicity: Periodicity::Continuous,
            url: Some("https://pesisirtimur.example.id"),
            reach: Reach::Visitors(12_000),
        }],
        people: &[editor("1602041506900003", "Budi Santoso", Some(Muda))],
        // Paid into the owner's own account: the registry can record it but never verify it.
        bank: Some(("Bank Rakyat Indonesia", "5566-01-000111-50-2", Some("Budi Santoso"))),
    },
    Company {
        legal_name: "Yayasan Pers Pedamaran",
        legal_form: LegalForm::Yayasan,
        npwp: "02.963.415.7-312.000",
        age_years: 11,
        staff: 6,
        capital: 0,
        local_office: true,
        association: "PWI",
        vat_registered: false,
        standing: Some((AdministrativelyVerified, -3)),
        decision: None,
        outlets: &[Outlet {
            name: "Warta Pedamaran",
            media_type: Print,
            scale: Local,
            periodicity: Periodicity::Weekly,
            url: None,
            reach: Reach::Circulation(2_500),
        }],
        people: &[editor("1602052002750002", "Syamsul Bahri", Some(Utama))],
        bank: Some(("Bank Sumsel Babel", "1490 2310 0789", None)),
    },
    Company {
        legal_name: "CV Kabar Tulung Selapan",
        legal_form: LegalForm::Cv,
        npwp: "05.330.781.1-312.000",
        age_years: 4,
        staff: 4,
        capital: 25_000_000,
        local_office: true,
        association: "",
        vat_registered: false,
        standing: None,
        decision: None,
        outlets: &[Outlet {
            name: "Kabar Tulung Selapan",
            media_type: Online,
            scale: Local,
            periodicity: Periodicity::Continuous,
            url: Some("https://kabartulungselapan.example.id"),
            reach: Reach::Visitors(8_000),
        }],
        people: &[editor("1602061103910001", "Fajar Ramadhan", None)],
        bank: None,
    },
    Company {
        legal_name: "PT Lematang Digital Nusantara",
        legal_form: LegalForm::Pt,
        npwp: "06.218.904.3-301.000",
        age_years: 5,
        staff: 7,
        capital: 50_000_000,
        local_office: false,
        association: "AMSI",
        vat_registered: false,
        standing: Some((AdministrativelyVerified, 12)),
        decision: Some((
            CompanyStatus::Suspended,
            "Menunggu penyelesaian pengaduan Dewan Pers atas pemberitaan yang tidak berimbang",
        )),
        outlets: &[Outlet {
            name: "Lematang Digital",
            media_type: Online,
            scale: Provincial,
            periodicity: Periodicity::Continuous,
            url: Some("https://lematangdigital.example.id"),
            reach: Reach::Visitors(60_000),
        }],
        people: &[editor("1603010101850007", "Irwan Setiawan", Some(Madya))],
        bank: Some(("Bank Mandiri", "113-00-1234567-8", None)),
    },
    Company {
        legal_name: "PT Media Kilat Sejahtera",
        legal_form: LegalForm::Pt,
        npwp: "07.554.210.6-312.000",
        age_years: 1,
        staff: 1,
        capital: 5_000_000,
        local_office: false,
        association: "",
        vat_registered: false,
        standing: None,
        decision: Some((
            CompanyStatus::Blacklisted,
            "Media fiktif: alamat redaksi tidak ditemukan saat verifikasi faktual dan nama perusahaan dipinjam",
        )),
        outlets: &[Outlet {
            name: "Kilat News",
            media_type: Online,
            scale: National,
            periodicity: Periodicity::Continuous,
            url: Some("https://kilatnews.example.id"),
            reach: Reach::Visitors(500),
        }],
        people: &[],
        bank: None,
    },
    Company {
        legal_name: "Koperasi Jurnalis Mesuji Raya",
        legal_form: LegalForm::Koperasi,
        npwp: "08.902.336.4-312.000",
        age_years: 8,
        staff: 12,
        capital: 40_000_000,
        local_office: true,
        association: "IJTI",
        vat_registered: false,
        standing: Some((Registered, 18)),
        decision: None,
        outlets: &[Outlet {
            name: "Tabloid Mesuji Raya",
            media_type: Print,
            scale: Local,
            periodicity: Periodicity::Monthly,
            url: None,
            reach: Reach::Circulation(3_000),
        }],
        people: &[
            editor("1602070708830006", "Wahyu Pratama", Some(Madya)),
            journalist("1602076204960003", "Dewi Lestari", Some(Muda)),
        ],
        bank: Some(("Bank Sumsel Babel", "1490 2310 0912", None)),
    },
    Company {
        legal_name: "PT Radio Gema Lempuing",
        legal_form: LegalForm::Pt,
        npwp: "09.145.628.0-312.000",
        age_years: 18,
        staff: 8,
        capital: 150_000_000,
        local_office: true,
        association: "PRSSNI",
        vat_registered: false,
        standing: Some((Registered, 6)),
        decision: None,
        outlets: &[Outlet {
            name: "Gema Lempuing FM",
            media_type: Radio,
            scale: Local,
            periodicity: Periodicity::Continuous,
            url: None,
            reach: Reach::Frequency("104.3 MHz"),
        }],
        people: &[editor("1602081909790004", "Mulyadi", Some(Utama))],
        bank: Some(("Bank Rakyat Indonesia", "0789-01-002233-50-1", None)),
    },
    Company {
        legal_name: "PT Ogan Ilir Pos Media",
        legal_form: LegalForm::Pt,
        npwp: "10.376.459.8-314.000",
        age_years: 3,
        staff: 5,
        capital: 60_000_000,
        local_office: true,
        association: "SMSI",
        vat_registered: false,
        standing: Some((AdministrativelyVerified, 24)),
        decision: None,
        outlets: &[Outlet {
            name: "Ogan Ilir Pos",
            media_type: Online,
            scale: Local,
            periodicity: Periodicity::Continuous,
            url: Some("https://oganilirpos.example.id"),
            reach: Reach::Visitors(40_000),
        }],
        people: &[
            editor("1610022506870002", "Yusuf Maulana", None),
            journalist("1610026110940005", "Putri Handayani", Some(Muda)),
        ],
        bank: Some(("Bank Negara Indonesia", "0345678912", None)),
    },
];

/// An outlet the demo registered.
pub struct SeededOutlet {
    pub name: &'static str,
    pub id: uuid::Uuid,
    pub media_type: MediaType,
    pub company_id: uuid::Uuid,
    /// The company's verified account, if it has one (payments go only there).
    pub account_id: Option<uuid::Uuid>,
}

/// Seeds the registry inside the demo's write: every company with its outlets, its newsroom for
/// `year`, its Press Council check, its bank account and the decision against it, if any.
/// Answers each outlet's name and id.
pub async fn seed(tx: &mut Tx, year: FiscalYear, today: NaiveDate) -> Result<Vec<SeededOutlet>, StoreError> {
    let mut outlets = Vec::new();
    for company in COMPANIES {
        let since = |years: u32| today.checked_sub_months(Months::new(12 * years)).unwrap_or(today);
        let profile = CompanyProfile {
            legal_name: company.legal_name.to_owned(),
            legal_form: company.legal_form,
            deed_number: Some(format!("{:02}", company.age_years + 10)),
            deed_date: Some(since(company.age_years)),
            ahu_number: Some(format!("AHU-00{}{:02}.AH.01.01", 4200 + company.staff, company.age_years)),
            ahu_date: Some(since(company.age_years)),
            nib: Some(format!("91200{:08}", company.capital / 1_000 % 100_000_000)),
            npwp: Npwp::parse(company.npwp).map_err(invalid)?,
            vat_registered_since: company.vat_registered.then(|| since(company.age_years.min(3))),
            address: Some(format!("Jl. Letnan Muchtar Saleh No. {}, Kayuagung", 10 + company.staff)),
            phone: Some(format!("0712-32{:04}", company.npwp.len() * 100 + company.staff as usize)),
            email: Some(Email::parse(&format!("redaksi@{}.example.id", slug(company.legal_name))).map_err(invalid)?),
            website: company.outlets.iter().find_map(|outlet| outlet.url).map(str::to_owned),
            staff_count: Some(company.staff),
            paid_up_capital: Some(Rupiah::new(company.capital).map_err(invalid)?),
            local_office: Some(company.local_office),
            association: Some(company.association.to_owned()),
        };
        let created = registry::create_company(tx, profile).await?;
        if let Some((status, reason)) = company.decision {
            let decision = StatusDecision::new(status, Some(reason.to_owned())).map_err(invalid)?;
            registry::decide_status(tx, created.id, created.version, decision).await?;
        }
        for outlet in company.outlets {
            let (frequency, circulation, monthly_visitors) = match outlet.reach {
                Reach::Frequency(band) => (Some(band.to_owned()), None, None),
                Reach::Circulation(copies) => (None, Some(copies), None),
                Reach::Visitors(visitors) => (None, None, Some(visitors)),
            };
            let broadcast = matches!(outlet.media_type, Tv | Radio);
            let created_outlet = registry::create_outlet(
                tx,
                OutletProfile {
                    company_id: created.id,
                    media_type: outlet.media_type,
                    name: outlet.name.to_owned(),
                    url: outlet.url.map(str::to_owned),
                    frequency,
                    scale: outlet.scale,
                    first_published: Some(since(company.age_years)),
                    periodicity: outlet.periodicity,
                    circulation,
                    monthly_visitors,
                    claims_evidence: (circulation.is_some() || monthly_visitors.is_some())
                        .then(|| "Laporan oplah / statistik kunjungan tiga bulan terakhir".to_owned()),
                    broadcast_licence: broadcast.then(|| format!("IPP-{}/{}", company.staff, company.age_years)),
                    broadcast_licence_until: broadcast.then(|| since(0) + Months::new(36)),
                },
            )
            .await?;
            outlets.push(SeededOutlet {
                name: outlet.name,
                id: created_outlet.id,
                media_type: outlet.media_type,
                company_id: created.id,
                account_id: None,
            });
        }
        for person in company.people {
            let details = PersonDetails {
                full_name: FullName::parse(person.name).map_err(invalid)?,
                role: person.role,
                competence: person.competence.map(|level| Competence {
                    level,
                    certificate: Some(format!("UKW-{}-{}", level.as_str().to_uppercase(), &person.nik[12..])),
                    certified_on: Some(since(2)),
                }),
            };
            let nik = Nik::parse(person.nik).map_err(invalid)?;
            registry::create_person(tx, NewPerson { company_id: created.id, fiscal_year: year, nik, details }).await?;
        }
        if let Some((status, months_left)) = company.standing {
            let valid_until = if months_left >= 0 {
                today.checked_add_months(Months::new(months_left.unsigned_abs()))
            } else {
                today.checked_sub_months(Months::new(months_left.unsigned_abs()))
            };
            let check = PressCouncilCheck {
                status,
                certificate_number: Some(format!("{}/DP-Verifikasi-K/{}", company.staff * 37, company.age_years)),
                certificate_date: valid_until.and_then(|until| until.checked_sub_months(Months::new(36))),
                valid_until,
                checked_on: today,
                evidence: "Data perusahaan pers di situs Dewan Pers (dewanpers.or.id/data/perusahaanpers)".to_owned(),
            };
            registry::record_press_council(tx, created.id, check).await?;
        }
        if let Some((bank_name, number, holder)) = company.bank {
            let account = registry::create_bank_account(
                tx,
                NewBankAccount {
                    company_id: created.id,
                    bank_name: bank_name.to_owned(),
                    account_number: mitra_domain::registry::account_number(number).map_err(invalid)?,
                    holder_name: holder.unwrap_or(company.legal_name).to_uppercase(),
                },
            )
            .await?;
            if holder.is_none() {
                registry::verify_bank_account(tx, account.id).await?;
                for outlet in outlets.iter_mut().filter(|outlet| outlet.company_id == created.id) {
                    outlet.account_id = Some(account.id);
                }
            }
        }
    }
    Ok(outlets)
}

fn slug(legal_name: &str) -> String {
    legal_name.split_whitespace().skip(1).collect::<String>().to_lowercase()
}

/// Demo data that does not parse is a bug in this file, not a user's mistake.
fn invalid(violation: mitra_domain::violation::Violation) -> StoreError {
    StoreError::Invalid(violation.into())
}
