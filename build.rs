// stylers collects every `style!` block under src/ into one CSS file;
// Trunk copies it into the dist (see Trunk.toml).
fn main() {
    stylers::build(Some(String::from("./target/stylers.css")));
}
