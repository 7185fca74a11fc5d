fn main() {
    let p: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let t = std::time::Instant::now();
    let d = kehoach::corpus::discover_all(&p);
    eprintln!("discover {} files {:?}", d.files.len(), t.elapsed());
    let mut h = 0u64;
    for f in &d.files {
        h = h.wrapping_mul(31).wrapping_add(f.id.0.len() as u64 + f.path.as_os_str().len() as u64);
    }
    eprintln!("check {h}");
}
