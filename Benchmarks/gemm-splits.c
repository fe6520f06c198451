// Which splits of a GEMM keep OpenBLAS's bits (README, "Two threads").
//
//   gcc -O2 -I/usr/include/x86_64-linux-gnu/openblas-pthread Benchmarks/gemm-splits.c -lopenblas -o /tmp/gemm-splits
//   OPENBLAS_CORETYPE=Haswell /tmp/gemm-splits
//
// For the recurrent product of the cells, C = C0 + Y·Mᵀ (row-major, Y: B×H, M: H×H), it prints
// the row splits s (rows 0..<s and s..<B as two single-threaded GEMMs) and the column splits
// whose result equals, bit for bit, the one GEMM on one thread and on two threads.
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern void openblas_set_num_threads(int);

static float uniform(void) { return (float)rand() / RAND_MAX * 2 - 1; }

static void gemm(int m, int n, int k, const float *a, const float *b, float *c, int ldc) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1, a, k, b, k, 1, c, ldc);
}

int main(void) {
  const int batches[] = {64, 100, 256}, widths[] = {48, 128, 256, 512};
  for (int threads = 1; threads <= 2; threads++)
    for (int bi = 0; bi < 3; bi++)
      for (int wi = 0; wi < 4; wi++) {
        int B = batches[bi], H = widths[wi];
        size_t n = (size_t)B * H;
        float *y = malloc(4 * n), *m = malloc(4 * (size_t)H * H), *c0 = malloc(4 * n);
        float *c = malloc(4 * n), *d = malloc(4 * n);
        for (size_t i = 0; i < n; i++) { y[i] = uniform(); c0[i] = uniform(); }
        for (int i = 0; i < H * H; i++) m[i] = 0.3f * uniform();
        memcpy(c, c0, 4 * n);
        openblas_set_num_threads(threads);
        gemm(B, H, H, y, m, c, H);
        openblas_set_num_threads(1);
        printf("threads %d, B %d, H %d: row splits", threads, B, H);
        for (int s = 1; s < B; s++) {
          memcpy(d, c0, 4 * n);
          gemm(s, H, H, y, m, d, H);
          gemm(B - s, H, H, y + (size_t)s * H, m, d + (size_t)s * H, H);
          if (!memcmp(c, d, 4 * n)) printf(" %d", s);
        }
        printf("; column splits");
        for (int s = 1; s < H; s++) {
          memcpy(d, c0, 4 * n);
          gemm(B, s, H, y, m, d, H);
          gemm(B, H - s, H, y, m + (size_t)s * H, d + s, H);
          if (!memcmp(c, d, 4 * n)) printf(" %d", s);
        }
        printf("\n");
        free(y); free(m); free(c0); free(c); free(d);
      }
  return 0;
}
