fn main() {
    primehub_models::start();
}
