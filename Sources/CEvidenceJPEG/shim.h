#ifndef EVIDENCEKIT_CJPEG_SHIM_H
#define EVIDENCEKIT_CJPEG_SHIM_H

/* libjpeg-turbo's TurboJPEG API: errors come back as return codes, never as a longjmp through Swift frames. */
#include <turbojpeg.h>

#endif
