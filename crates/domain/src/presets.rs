//! The policies a region can start from, shipped as data files in `presets/`: a region adopting
//! Mitra copies one into its own first policy version, then edits it.
//!
//! Each preset is validated when it is loaded (and by this module's test), so a broken file is a
//! failing test, never a broken policy.

use serde::Deserialize;

use crate::policy::{Label, NewRegulation, Policy};
use crate::violation::Violations;

/// One preset: a region's standard, the regulation it comes from, and a note on how far its
/// values can be trusted.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub code: String,
    pub name: Label,
    pub regulation: NewRegulation,
    pub note: Label,
    pub policy: Policy,
}

/// The shipped files, by code.
const FILES: &[(&str, &str)] = &[("oki", include_str!("../../../presets/oki.json"))];

/// Why a preset file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PresetError {
    #[error("no preset `{0}`")]
    Unknown(String),
    #[error("preset `{code}` is not readable: {message}")]
    Unreadable { code: String, message: String },
    #[error("preset `{code}` is not a valid policy: {violations}")]
    Invalid { code: String, violations: Violations },
}

/// The codes of the shipped presets.
pub fn codes() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(code, _)| *code)
}

/// Loads and validates the preset `code`.
pub fn load(code: &str) -> Result<Preset, PresetError> {
    let (_, text) = FILES.iter().find(|(known, _)| *known == code).ok_or_else(|| PresetError::Unknown(code.into()))?;
    let preset: Preset = serde_json::from_str(text)
        .map_err(|err| PresetError::Unreadable { code: code.into(), message: err.to_string() })?;
    preset.policy.check().map_err(|violations| PresetError::Invalid { code: code.into(), violations })?;
    preset.regulation.check().map_err(|violations| PresetError::Invalid { code: code.into(), violations })?;
    Ok(preset)
}

/// The OKI standard's policy, for tests that need a whole, valid policy to vary.
#[cfg(test)]
pub(crate) fn oki() -> Policy {
    match load("oki") {
        Ok(preset) => preset.policy,
        Err(err) => panic!("{err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::press::MediaType;

    #[test]
    fn every_shipped_preset_loads_and_is_a_valid_policy() {
        for code in codes() {
            let preset = load(code);
            assert!(preset.is_ok(), "{:?}", preset.err());
        }
        assert_eq!(load("nowhere").err(), Some(PresetError::Unknown("nowhere".into())));
    }

    #[test]
    fn the_oki_standard_covers_every_media_type() {
        let policy = oki();
        for media in MediaType::ALL {
            assert!(policy.requirements_for(media).any(|r| r.mandatory), "{media} has mandatory documents");
            assert!(policy.rules_for(media).count() >= 4, "{media} has its rules");
            assert!(policy.rate_card.iter().any(|rate| rate.media_type == media), "{media} is priced");
            assert!(policy.press_council_minimum(media).is_some(), "{media} has a Press Council minimum");
        }
        assert_eq!(policy.tax.pph23_bp, 200, "PPh 23 is 2 % (PMK 141/2015)");
    }
}
