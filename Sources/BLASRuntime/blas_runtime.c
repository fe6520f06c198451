#define _GNU_SOURCE
#include "blas_runtime.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*sgemm_fn)(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, enum CBLAS_TRANSPOSE,
                         blasint, blasint, blasint, float, const float *, blasint,
                         const float *, blasint, float, float *, blasint);
typedef void (*dgemm_fn)(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, enum CBLAS_TRANSPOSE,
                         blasint, blasint, blasint, double, const double *, blasint,
                         const double *, blasint, double, double *, blasint);
typedef lapack_int (*sgeev_fn)(int, char, char, lapack_int, float *, lapack_int, float *,
                               float *, float *, lapack_int, float *, lapack_int);
typedef lapack_int (*dgeev_fn)(int, char, char, lapack_int, double *, lapack_int, double *,
                               double *, double *, lapack_int, double *, lapack_int);
typedef lapack_int (*sgesdd_fn)(int, char, lapack_int, lapack_int, float *, lapack_int,
                                float *, float *, lapack_int, float *, lapack_int);
typedef lapack_int (*dgesdd_fn)(int, char, lapack_int, lapack_int, double *, lapack_int,
                                double *, double *, lapack_int, double *, lapack_int);
typedef lapack_int (*sgetrf_fn)(int, lapack_int, lapack_int, float *, lapack_int, lapack_int *);
typedef lapack_int (*dgetrf_fn)(int, lapack_int, lapack_int, double *, lapack_int, lapack_int *);
typedef lapack_int (*sgetrs_fn)(int, char, lapack_int, lapack_int, const float *, lapack_int,
                                const lapack_int *, float *, lapack_int);
typedef lapack_int (*dgetrs_fn)(int, char, lapack_int, lapack_int, const double *, lapack_int,
                                const lapack_int *, double *, lapack_int);
typedef char *(*corename_fn)(void);
typedef void (*set_threads_fn)(int);
typedef int (*get_threads_fn)(void);

static struct {
  sgemm_fn sgemm;
  dgemm_fn dgemm;
  sgeev_fn sgeev;
  dgeev_fn dgeev;
  sgesdd_fn sgesdd;
  dgesdd_fn dgesdd;
  sgetrf_fn sgetrf;
  dgetrf_fn dgetrf;
  sgetrs_fn sgetrs;
  dgetrs_fn dgetrs;
  corename_fn corename;
  set_threads_fn set_threads;
  get_threads_fn get_threads;
} fns;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int status = -1;
static char error_text[512] = "";
static const char *chosen = "";

static const char *choose_core(void) {
  const char *existing = getenv("OPENBLAS_CORETYPE");
  if (existing && existing[0]) return "user";
#if defined(__x86_64__)
  __builtin_cpu_init();
  const char *core = NULL;
  if (__builtin_cpu_supports("avx512f")) {
    core = "SkylakeX";
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    core = "Haswell";
  }
  if (core) {
    setenv("OPENBLAS_CORETYPE", core, 1);
    return core;
  }
#endif
  return "";
}

static void *resolve(void *lib, const char *name, const char *libname) {
  void *sym = dlsym(lib, name);
  if (!sym && !error_text[0]) {
    snprintf(error_text, sizeof error_text, "%s has no symbol %s", libname, name);
  }
  return sym;
}

static void load_once(void) {
  chosen = choose_core();
  void *blas = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_GLOBAL);
  if (!blas) {
    snprintf(error_text, sizeof error_text,
             "cannot load libopenblas.so.0 (install libopenblas-dev): %s", dlerror());
    return;
  }
  void *lapacke = dlopen("liblapacke.so.3", RTLD_NOW | RTLD_GLOBAL);
  if (!lapacke) {
    snprintf(error_text, sizeof error_text,
             "cannot load liblapacke.so.3 (install liblapacke-dev): %s", dlerror());
    return;
  }
  fns.sgemm = (sgemm_fn)resolve(blas, "cblas_sgemm", "libopenblas.so.0");
  fns.dgemm = (dgemm_fn)resolve(blas, "cblas_dgemm", "libopenblas.so.0");
  fns.corename = (corename_fn)resolve(blas, "openblas_get_corename", "libopenblas.so.0");
  fns.set_threads = (set_threads_fn)resolve(blas, "openblas_set_num_threads", "libopenblas.so.0");
  fns.get_threads = (get_threads_fn)resolve(blas, "openblas_get_num_threads", "libopenblas.so.0");
  fns.sgeev = (sgeev_fn)resolve(lapacke, "LAPACKE_sgeev", "liblapacke.so.3");
  fns.dgeev = (dgeev_fn)resolve(lapacke, "LAPACKE_dgeev", "liblapacke.so.3");
  fns.sgesdd = (sgesdd_fn)resolve(lapacke, "LAPACKE_sgesdd", "liblapacke.so.3");
  fns.dgesdd = (dgesdd_fn)resolve(lapacke, "LAPACKE_dgesdd", "liblapacke.so.3");
  fns.sgetrf = (sgetrf_fn)resolve(lapacke, "LAPACKE_sgetrf_work", "liblapacke.so.3");
  fns.dgetrf = (dgetrf_fn)resolve(lapacke, "LAPACKE_dgetrf_work", "liblapacke.so.3");
  fns.sgetrs = (sgetrs_fn)resolve(lapacke, "LAPACKE_sgetrs_work", "liblapacke.so.3");
  fns.dgetrs = (dgetrs_fn)resolve(lapacke, "LAPACKE_dgetrs_work", "liblapacke.so.3");
  if (error_text[0]) return;
  // Small matrices: one thread unless the caller asks for more.
  fns.set_threads(1);
  __atomic_store_n(&status, 0, __ATOMIC_RELEASE);
}

int odernn_blas_load(void) {
  pthread_once(&once, load_once);
  return status;
}

const char *odernn_blas_error(void) { return error_text; }
const char *odernn_blas_chosen_core(void) { return chosen; }

static void require(void) {
  if (odernn_blas_load() != 0) {
    fprintf(stderr, "odernn: %s\n", error_text);
    exit(2);
  }
}

const char *odernn_blas_core_name(void) {
  require();
  return fns.corename();
}

void odernn_blas_set_threads(int n) {
  require();
  fns.set_threads(n < 1 ? 1 : n);
}

int odernn_blas_threads(void) {
  require();
  return fns.get_threads();
}

void odernn_sgemm(enum CBLAS_TRANSPOSE ta, enum CBLAS_TRANSPOSE tb, int m, int n, int k,
                  float alpha, const float *a, int lda, const float *b, int ldb, float beta,
                  float *c, int ldc) {
  if (__atomic_load_n(&status, __ATOMIC_ACQUIRE) != 0) require();
  fns.sgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void odernn_dgemm(enum CBLAS_TRANSPOSE ta, enum CBLAS_TRANSPOSE tb, int m, int n, int k,
                  double alpha, const double *a, int lda, const double *b, int ldb, double beta,
                  double *c, int ldc) {
  if (__atomic_load_n(&status, __ATOMIC_ACQUIRE) != 0) require();
  fns.dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

lapack_int odernn_sgeev(lapack_int n, float *a, lapack_int lda, float *wr, float *wi) {
  require();
  return fns.sgeev(LAPACK_ROW_MAJOR, 'N', 'N', n, a, lda, wr, wi, NULL, 1, NULL, 1);
}

lapack_int odernn_dgeev(lapack_int n, double *a, lapack_int lda, double *wr, double *wi) {
  require();
  return fns.dgeev(LAPACK_ROW_MAJOR, 'N', 'N', n, a, lda, wr, wi, NULL, 1, NULL, 1);
}

lapack_int odernn_sgesdd(lapack_int m, lapack_int n, float *a, float *s, float *u, float *vt) {
  require();
  lapack_int k = m < n ? m : n;
  return fns.sgesdd(LAPACK_ROW_MAJOR, 'S', m, n, a, n, s, u, k, vt, n);
}

lapack_int odernn_dgesdd(lapack_int m, lapack_int n, double *a, double *s, double *u,
                         double *vt) {
  require();
  lapack_int k = m < n ? m : n;
  return fns.dgesdd(LAPACK_ROW_MAJOR, 'S', m, n, a, n, s, u, k, vt, n);
}

// LU in column-major order through the _work entry points: no NaN scan, no transposed copy.
lapack_int odernn_sgetrf(lapack_int n, float *a, lapack_int *ipiv) {
  require();
  return fns.sgetrf(LAPACK_COL_MAJOR, n, n, a, n, ipiv);
}

lapack_int odernn_dgetrf(lapack_int n, double *a, lapack_int *ipiv) {
  require();
  return fns.dgetrf(LAPACK_COL_MAJOR, n, n, a, n, ipiv);
}

lapack_int odernn_sgetrs(char trans, lapack_int n, const float *lu, const lapack_int *ipiv,
                         float *b) {
  require();
  return fns.sgetrs(LAPACK_COL_MAJOR, trans, n, 1, lu, n, ipiv, b, n);
}

lapack_int odernn_dgetrs(char trans, lapack_int n, const double *lu, const lapack_int *ipiv,
                         double *b) {
  require();
  return fns.dgetrs(LAPACK_COL_MAJOR, trans, n, 1, lu, n, ipiv, b, n);
}
