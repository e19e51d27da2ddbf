// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let started = std::time::Instant::now();
    // WebKitGTK's accelerated compositing costs about 70 MB of memory per window for nothing a
    // planning tool draws; it also misbehaves under Xvfb and on some projector drivers. The user can
    // still turn it on by setting the variable to 0.
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: nothing else runs yet: no thread has been started that could read the environment.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        };
    }
    runway_app_lib::run(started);
}
