// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let started = std::time::Instant::now();
    // WebKitGTK's accelerated compositing costs about 70 MB of memory per window for nothing a
    // planning tool draws; it also misbehaves under Xvfb and on some projector drivers. The user can
    // still turn it on by setting the variable to 0. With it off nothing in the app renders with
    // OpenGL, so GTK is also told not to set up GL for its windows, and WebKit not to probe EGL for
    // a DMA-BUF renderer or a render device: each of those loads the system's GL driver (under
    // Xvfb Mesa with LLVM, about 20 MB) into the app process only to ask what it can do.
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        for (name, value) in [
            ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
            ("GDK_GL", "disable"),
            ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
            ("WEBKIT_WEB_RENDER_DEVICE_FILE", "/nonexistent"),
        ] {
            if std::env::var_os(name).is_none() {
                // SAFETY: nothing else runs yet: no thread has been started that could read the
                // environment.
                #[allow(unsafe_code)]
                unsafe {
                    std::env::set_var(name, value)
                };
            }
        }
    }
    runway_app_lib::run(started);
}
