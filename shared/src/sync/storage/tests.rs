use super::{MemoryStore, conformance};

#[test]
fn memory_store_passes_the_conformance_suite() {
    conformance::run(MemoryStore::default);
}
