//! Customer ids interned into dense `u32` keys (in order of first
//! appearance), so that millions of transactions are cheap to sort and
//! summarise. Hashing uses the multiply-rotate "Fx" hash: fast on short
//! ids, but not resistant to crafted collisions (the input is the user's
//! own file).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Maps customer ids to dense `u32` keys.
#[derive(Default)]
pub struct Interner {
    keys: HashMap<Box<str>, u32, BuildHasherDefault<FxHasher>>,
}

impl Interner {
    /// The key of `id`, allocating one on first sight.
    pub fn key(&mut self, id: &str) -> Result<u32, String> {
        if let Some(&key) = self.keys.get(id) {
            return Ok(key);
        }
        let key = u32::try_from(self.keys.len())
            .map_err(|_| "more than 4,294,967,295 customers".to_string())?;
        self.keys.insert(id.into(), key);
        Ok(key)
    }

    /// The ids indexed by key.
    pub fn into_names(self) -> Vec<String> {
        let mut names = vec![String::new(); self.keys.len()];
        for (id, key) in self.keys {
            names[key as usize] = id.into_string();
        }
        names
    }
}

/// The Fx hash (as used in rustc): one multiply and rotate per word.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        // The product's high bits are the well-mixed ones; hashbrown takes
        // the bucket from the low bits.
        self.0.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_first_appearance() {
        let mut interner = Interner::default();
        let keys: Vec<u32> = ["b", "a", "b", "c", "a", "a-much-longer-id-123"]
            .iter()
            .map(|id| interner.key(id).expect("key"))
            .collect();
        assert_eq!(keys, [0, 1, 0, 2, 1, 3]);
        assert_eq!(
            interner.into_names(),
            ["b", "a", "c", "a-much-longer-id-123"]
        );
    }
}
