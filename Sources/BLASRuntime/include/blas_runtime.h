#ifndef ODERNN_BLAS_RUNTIME_H
#define ODERNN_BLAS_RUNTIME_H
// Loads OpenBLAS and LAPACKE lazily, after choosing OpenBLAS's kernels.
//
// Debian's OpenBLAS 0.3.21 does not recognise recent CPUs and silently falls back to generic
// "Prescott" kernels (8x slower SGEMM). OpenBLAS reads OPENBLAS_CORETYPE once, when it is
// loaded, so nothing may link it at load time: odernn_blas_load() sets the variable from the
// CPU's features when the user has not set it (AVX-512F -> SkylakeX, AVX2+FMA -> Haswell,
// otherwise left alone), then dlopen()s libopenblas.so.0 and liblapacke.so.3 (whose
// liblapack.so.3 resolves to the already loaded OpenBLAS) and resolves every entry point.
#include <cblas.h>
#include <lapacke.h>

/// Loads the libraries once (thread-safe). Returns 0 on success; on failure returns -1 and
/// odernn_blas_error() names what is missing.
int odernn_blas_load(void);
/// A one-line reason when odernn_blas_load() failed, else "".
const char *odernn_blas_error(void);
/// The core type odernn chose before loading ("SkylakeX", "Haswell"), "" if it left the
/// variable alone, or "user" when OPENBLAS_CORETYPE was already set.
const char *odernn_blas_chosen_core(void);
/// OpenBLAS's openblas_get_corename(): the kernels in use.
const char *odernn_blas_core_name(void);
void odernn_blas_set_threads(int n);
int odernn_blas_threads(void);

void odernn_sgemm(enum CBLAS_TRANSPOSE ta, enum CBLAS_TRANSPOSE tb, int m, int n, int k,
                  float alpha, const float *a, int lda, const float *b, int ldb, float beta,
                  float *c, int ldc);
void odernn_dgemm(enum CBLAS_TRANSPOSE ta, enum CBLAS_TRANSPOSE tb, int m, int n, int k,
                  double alpha, const double *a, int lda, const double *b, int ldb, double beta,
                  double *c, int ldc);

lapack_int odernn_sgeev(lapack_int n, float *a, lapack_int lda, float *wr, float *wi);
lapack_int odernn_dgeev(lapack_int n, double *a, lapack_int lda, double *wr, double *wi);
/// Thin SVD (jobz = 'S') of a row-major m x n matrix; u is m x k, vt is k x n, k = min(m, n).
lapack_int odernn_sgesdd(lapack_int m, lapack_int n, float *a, float *s, float *u, float *vt);
lapack_int odernn_dgesdd(lapack_int m, lapack_int n, double *a, double *s, double *u,
                         double *vt);
/// LU with partial pivoting of a column-major n x n matrix (overwritten by L and U).
lapack_int odernn_sgetrf(lapack_int n, float *a, lapack_int *ipiv);
lapack_int odernn_dgetrf(lapack_int n, double *a, lapack_int *ipiv);
/// Solves op(A) x = b (trans 'N' or 'T') for one right-hand side from odernn_?getrf's factors.
lapack_int odernn_sgetrs(char trans, lapack_int n, const float *lu, const lapack_int *ipiv,
                         float *b);
lapack_int odernn_dgetrs(char trans, lapack_int n, const double *lu, const lapack_int *ipiv,
                         double *b);
#endif
