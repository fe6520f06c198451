// Headers only: OpenBLAS and LAPACKE are loaded at run time by BLASRuntime (dlopen), after
// OPENBLAS_CORETYPE is chosen, so no target links them at load time. See BLASRuntime.
#include <cblas.h>
#include <lapacke.h>
