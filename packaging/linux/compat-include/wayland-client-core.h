/* Debian 11's wayland-client-core.h (Wayland 1.18, as on UOS 20 and Kylin V10) lacks the flag that
 * GLFW 3.4's bundled protocol code passes to wl_proxy_marshal_flags (1.20). GLFW calls that function
 * only through a pointer it looks up with dlsym, so the flag is all the compiler needs. */
#include_next <wayland-client-core.h>
#ifndef WL_MARSHAL_FLAG_DESTROY
#define WL_MARSHAL_FLAG_DESTROY (1 << 0)
#endif
