#ifndef ODERNN_CKERNELS_H
#define ODERNN_CKERNELS_H

// Elementwise float32/float64 loops of the tape's hot path, compiled for AVX-512, AVX2 and the
// x86-64 baseline and picked at load time (target_clones). No floating-point contraction and
// no reassociation: every clone returns the same bits as the scalar Swift expression it
// replaces, so sessions verify bit for bit on any CPU.
//
// `accumulate`: 0 assigns (the first writer of a gradient buffer), 1 adds.

/// y_i = shift + scale·tanh(scale·x_i) by the rational approximation of `Elementwise.fastTanh`.
void ck_tanh_f32(const float *x, float *y, long n, float scale, float shift);
// In place: y_i = shift + scale·tanh(scale·y_i), the same expression as ck_tanh_f32.
void ck_tanh_inplace_f32(float *y, long n, float scale, float shift);
// In place: y_ij = y_ij + b_j, the same expression as ck_add_row.
void ck_add_row_inplace_f32(float *y, const float *b, long rows, long cols);
void ck_add_row_inplace_f64(double *y, const double *b, long rows, long cols);

/// y_ij = x_ij + b_j for `rows × cols` x.
void ck_add_row_f32(const float *x, const float *b, float *y, long rows, long cols);
void ck_add_row_f64(const double *x, const double *b, double *y, long rows, long cols);

/// y_i = a_i + s·b_i.
void ck_add_scaled_f32(const float *a, const float *b, float *y, long n, float s);
void ck_add_scaled_f64(const double *a, const double *b, double *y, long n, double s);

/// g_i (=|+=) g_y,i  (s = 1 exactly) or s·g_y,i.
void ck_scaled_into_f32(const float *gy, float *g, long n, float s, int scaled, int accumulate);
void ck_scaled_into_f64(const double *gy, double *g, long n, double s, int scaled, int accumulate);

/// g_i (=|+=) (1 − y_i²)·g_y,i   (the tanh rule).
void ck_tanh_vjp_f32(const float *y, const float *gy, float *g, long n, int accumulate);
void ck_tanh_vjp_f64(const double *y, const double *gy, double *g, long n, int accumulate);

/// y_i = a_i·b_i.
void ck_mul_f32(const float *a, const float *b, float *y, long n);
void ck_mul_f64(const double *a, const double *b, double *y, long n);

/// g_i (=|+=) o_i·g_y,i   (the Hadamard rule, `o` the other factor).
void ck_mul_vjp_f32(const float *o, const float *gy, float *g, long n, int accumulate);
void ck_mul_vjp_f64(const double *o, const double *gy, double *g, long n, int accumulate);

/// g_i (=|+=) y_i·(1 − y_i)·g_y,i   (the sigmoid rule).
void ck_sigmoid_vjp_f32(const float *y, const float *gy, float *g, long n, int accumulate);
void ck_sigmoid_vjp_f64(const double *y, const double *gy, double *g, long n, int accumulate);

// The fused field pass of the forward-only scan (ODE cells, explicit tableaux; see
// `ODEInference`): one pass over a stage's pre-activation computes, per element,
//   v = σ(z_i)                        σ by `activation`: 0 tanh, 1 relu, 2 sigmoid, 3 identity
//   v = sigmoid(zg_i)·v               when zg is not NULL (the gated cell)
//   v = v + decayScale_d·decay_d,i    for d = 0 … ndecay−1, in order (decayScale_d = −κ_r)
//   out_m,i = base_m,i + coef_m·v     for m = 0 … nout−1 (out_m may be base_m: in place)
// each with exactly the operations, in the order, of the tape's nodes `tanh`/`relu`/`sigmoid`,
// `mul(sigmoid(zg), f)`, `addScaled(f, v_r, −κ_r)` and `addScaled(stage, f, ε·a_ij)`, so the
// bits are those of the tape. float32 tanh and sigmoid are `ck_tanh_f32`'s approximation;
// float64 calls the C library's tanh and exp, as Swift's `Double.tanh`/`Double.exp` do.
// Outputs must not overlap z, zg or the decay states.
void ck_field_combine_f32(long n, int activation, const float *z, const float *zg, int ndecay,
                          const float *const *decay, const float *decayScale, int nout,
                          float *const *out, const float *const *base, const float *coef);
void ck_field_combine_f64(long n, int activation, const double *z, const double *zg, int ndecay,
                          const double *const *decay, const double *decayScale, int nout,
                          double *const *out, const double *const *base, const double *coef);

/// y_i = a_i + s·b_i, where y may be a (in place); b must not overlap y.
void ck_add_scaled_inplace_f32(const float *a, const float *b, float *y, long n, float s);
void ck_add_scaled_inplace_f64(const double *a, const double *b, double *y, long n, double s);

#endif
