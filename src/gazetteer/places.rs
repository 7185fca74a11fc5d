//! `places_named`: districts and communes by level word and name, as [`Place`]s.

use super::data::{canonical_level, name_key, District, Inner, Ref, COMMUNE_LEVELS, DISTRICT_LEVELS};
use super::{Era, Place};

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

impl Inner {
    fn successor_code(&self, old_code: &str) -> Option<String> {
        self.provinces.iter().find(|p| p.era == Era::Old && p.code == old_code).map(|p| p.successor_code.clone())
    }

    fn district_place(&self, d: &District) -> Place {
        Place {
            level: d.level.clone(),
            name: d.name.clone(),
            code: opt(&d.code),
            era: Era::Old,
            district_level: None,
            district: None,
            province_old: Some(d.province.clone()),
            province_new: self.successor_code(&d.province),
            successors: Vec::new(),
            predecessors: Vec::new(),
        }
    }

    /// A commune as a `Place`; `deep` adds its successors / predecessors (one level).
    fn commune_place(&self, i: usize, deep: bool) -> Place {
        let c = &self.communes[i];
        let related: Vec<Place> =
            if deep { c.links.iter().map(|&j| self.commune_place(j, false)).collect() } else { Vec::new() };
        let (province_old, province_new) = match c.era {
            Era::Old => (Some(c.province.clone()), self.successor_code(&c.province)),
            Era::New => {
                let mut olds = c.links.iter().map(|&j| self.communes[j].province.as_str());
                let first = olds.next();
                let one = first.filter(|f| olds.all(|o| o == *f)).map(str::to_string);
                (one, Some(c.province.clone()))
            }
        };
        let (successors, predecessors) = match c.era {
            Era::Old => (related, Vec::new()),
            Era::New => (Vec::new(), related),
        };
        Place {
            level: c.level.clone(),
            name: c.name.clone(),
            code: opt(&c.code),
            era: c.era,
            district_level: opt(&c.district_level),
            district: opt(&c.district),
            province_old,
            province_new,
            successors,
            predecessors,
        }
    }

    /// See `Gazetteer::places_named`.
    pub(crate) fn places_named(&self, level: &str, name: &str) -> Vec<Place> {
        let level = if level.trim().is_empty() {
            None
        } else {
            match canonical_level(level) {
                Some(l) => Some(l),
                None => return Vec::new(),
            }
        };
        let Some(refs) = self.places.get(&name_key(name)) else {
            return Vec::new();
        };
        let level_of = |r: &Ref| match *r {
            Ref::District(i) => self.districts[i].level.as_str(),
            Ref::Commune(i) => self.communes[i].level.as_str(),
        };
        let mut chosen: Vec<Ref> = refs.iter().copied().filter(|r| level.is_none_or(|l| level_of(r) == l)).collect();
        if chosen.is_empty() {
            if let Some(l) = level {
                let tier: &[&str] = if COMMUNE_LEVELS.contains(&l) { &COMMUNE_LEVELS } else { &DISTRICT_LEVELS };
                chosen = refs.iter().copied().filter(|r| tier.contains(&level_of(r))).collect();
            }
        }
        // districts, then old communes, then new communes (table order within each)
        chosen.sort_by_key(|r| match *r {
            Ref::District(i) => (0, i),
            Ref::Commune(i) => (1 + self.communes[i].era as usize, i),
        });
        chosen
            .into_iter()
            .map(|r| match r {
                Ref::District(i) => self.district_place(&self.districts[i]),
                Ref::Commune(i) => self.commune_place(i, true),
            })
            .collect()
    }
}
