//! The press as the regulations describe it: kinds of media, legal forms of companies, Press
//! Council (Dewan Pers) standing and journalists' competence (UKW) levels.

use crate::vocabulary;

vocabulary! {
    /// What an outlet is: its media type decides which requirements, rules and rates apply.
    pub enum MediaType ("media type") {
        Print = "print",
        Online = "online",
        Tv = "tv",
        Radio = "radio",
    }
}

vocabulary! {
    /// The legal form of a press company (*badan hukum*); a policy lists the accepted ones.
    pub enum LegalForm ("legal form") {
        /// Perseroan Terbatas.
        Pt = "pt",
        /// Perseroan Terbatas perorangan (a one-person company since UU Cipta Kerja).
        PtPerorangan = "pt_perorangan",
        Yayasan = "yayasan",
        Koperasi = "koperasi",
        /// Persekutuan komanditer: refused by most regions, listed so it can be named.
        Cv = "cv",
        Firma = "firma",
    }
}

vocabulary! {
    /// A company's standing with the Press Council, lowest first: the order is the ranking
    /// that a policy's minimum compares against.
    pub enum PressCouncilStatus ("press council status") {
        None = "none",
        Registered = "registered",
        /// Verified on paper (*terverifikasi administrasi*).
        AdministrativelyVerified = "administratively_verified",
        /// Verified at the newsroom (*terverifikasi faktual*).
        FactuallyVerified = "factually_verified",
    }
}

vocabulary! {
    /// A journalist's competence level from the UKW examination, lowest first.
    pub enum CompetenceLevel ("competence level") {
        Muda = "muda",
        Madya = "madya",
        Utama = "utama",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standings_rank_in_declaration_order() {
        assert!(PressCouncilStatus::FactuallyVerified > PressCouncilStatus::AdministrativelyVerified);
        assert!(PressCouncilStatus::Registered > PressCouncilStatus::None);
        assert!(CompetenceLevel::Utama > CompetenceLevel::Madya && CompetenceLevel::Madya > CompetenceLevel::Muda);
    }
}
