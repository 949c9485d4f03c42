// media.JitterBuffer (a wrapper for scenario tests) and media.plcConceal (G.711 Appendix I over a
// whole signal with a loss pattern).
#include <napi.h>

#include <memory>
#include <vector>

#include "binding/errors.h"
#include "media/jitter_buffer.h"
#include "media/media_binding_parts.h"
#include "media/plc.h"

namespace tandem::media {
namespace {

int intOpt(Napi::Object o, const char* key, int def, int lo, int hi) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined()) return def;
  if (!v.IsNumber()) throwType(o.Env(), std::string("JitterBuffer: ") + key + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (d != static_cast<int>(d) || d < lo || d > hi)
    throwRange(o.Env(), std::string("JitterBuffer: ") + key + " must be an integer in " + std::to_string(lo) + ".." + std::to_string(hi));
  return static_cast<int>(d);
}

class JbWrap : public Napi::ObjectWrap<JbWrap> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "JitterBuffer",
                       {InstanceMethod("put", &JbWrap::Put), InstanceMethod("get", &JbWrap::Get),
                        InstanceMethod("reset", &JbWrap::Reset), InstanceMethod("stats", &JbWrap::Stats)});
  }
  explicit JbWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<JbWrap>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsObject()) throwType(env, "new JitterBuffer(config): config must be an object");
    Napi::Object o = info[0].As<Napi::Object>();
    JitterBufferConfig c;
    c.frameBytes = intOpt(o, "frameBytes", c.frameBytes, 1, JitterBuffer::kMaxFrameBytes);
    c.initialFrames = intOpt(o, "initialFrames", c.initialFrames, 1, JitterBuffer::kCapacity - 1);
    c.minFrames = intOpt(o, "minFrames", c.minFrames, 0, JitterBuffer::kCapacity - 1);
    c.maxFrames = intOpt(o, "maxFrames", c.maxFrames, 1, JitterBuffer::kCapacity - 1);
    c.window = intOpt(o, "window", c.window, 1, 100000);
    c.resyncFrames = intOpt(o, "resyncFrames", c.resyncFrames, 1, 100000);
    c.resetJumpFrames = intOpt(o, "resetJumpFrames", c.resetJumpFrames, JitterBuffer::kCapacity, 1 << 30);
    if (c.minFrames > c.maxFrames || c.initialFrames > c.maxFrames || c.initialFrames < c.minFrames)
      throwRange(env, "JitterBuffer: need minFrames <= initialFrames <= maxFrames");
    jb_ = std::make_unique<JitterBuffer>(c);
    frame_.resize(static_cast<size_t>(c.frameBytes));
  }

 private:
  // put(index, payload?: Uint8Array | null, marker?: boolean, silent?: boolean) -> result name
  Napi::Value Put(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsNumber()) throwType(env, "put(index, ...): index must be a number");
    const uint32_t idx = info[0].As<Napi::Number>().Uint32Value();
    const uint8_t* p = nullptr;
    size_t n = frame_.size();
    if (info.Length() > 1 && info[1].IsTypedArray()) {
      auto a = info[1].As<Napi::Uint8Array>();
      p = a.Data();
      n = a.ElementLength();
    }
    const bool marker = info.Length() > 2 && info[2].ToBoolean().Value();
    const bool silent = info.Length() > 3 && info[3].ToBoolean().Value();
    return Napi::String::New(env, jbPutName(jb_->put(idx, p, n, marker, silent)));
  }
  // get() -> { kind, index, payload? }
  Napi::Value Get(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    uint32_t idx = 0;
    const JbFrame f = jb_->get(frame_.data(), &idx);
    Napi::Object r = Napi::Object::New(env);
    r.Set("kind", jbFrameName(f));
    if (f != JbFrame::Empty) r.Set("index", Napi::Number::New(env, idx));
    if (f == JbFrame::Normal) r.Set("payload", Napi::Buffer<uint8_t>::Copy(env, frame_.data(), frame_.size()));
    return r;
  }
  Napi::Value Reset(const Napi::CallbackInfo& info) {
    jb_->reset();
    return info.Env().Undefined();
  }
  Napi::Value Stats(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const JitterBufferStats& s = jb_->stats();
    Napi::Object r = Napi::Object::New(env);
    auto set = [&](const char* k, double v) { r.Set(k, Napi::Number::New(env, v)); };
    set("put", static_cast<double>(s.put));
    set("played", static_cast<double>(s.played));
    set("lost", static_cast<double>(s.lost));
    set("underflow", static_cast<double>(s.underflow));
    set("empty", static_cast<double>(s.empty));
    set("late", static_cast<double>(s.late));
    set("duplicate", static_cast<double>(s.duplicate));
    set("overflowDropped", static_cast<double>(s.overflowDropped));
    set("shrinkDropped", static_cast<double>(s.shrinkDropped));
    set("resets", static_cast<double>(s.resets));
    set("badSize", static_cast<double>(s.tooLarge));
    set("level", s.level);
    set("minLevel", s.minLevel);
    set("maxLevelSeen", s.maxLevelSeen);
    return r;
  }

  std::unique_ptr<JitterBuffer> jb_;
  std::vector<uint8_t> frame_;
};

// plcConceal(samples: Int16Array, lost: Uint8Array) -> Int16Array
// samples: whole 10 ms frames; lost[i] != 0 marks frame i as lost (its samples are ignored).
// The output is delayed by G711Plc::kOverlapMax samples (I.2.1), like the live path.
Napi::Value PlcConceal(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsTypedArray() || !info[1].IsTypedArray() ||
      info[0].As<Napi::TypedArray>().TypedArrayType() != napi_int16_array ||
      info[1].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throwType(env, "plcConceal(samples: Int16Array, lost: Uint8Array)");
  auto in = info[0].As<Napi::Int16Array>();
  auto lost = info[1].As<Napi::Uint8Array>();
  const size_t frames = in.ElementLength() / G711Plc::kFrame;
  if (frames * G711Plc::kFrame != in.ElementLength() || lost.ElementLength() != frames)
    throwRange(env, "plcConceal: samples must be whole 80-sample frames and lost[] one entry per frame");
  auto out = Napi::Int16Array::New(env, in.ElementLength());
  G711Plc plc;
  for (size_t f = 0; f < frames; ++f) {
    if (lost[f]) plc.lost(out.Data() + f * G711Plc::kFrame);
    else plc.good(in.Data() + f * G711Plc::kFrame, out.Data() + f * G711Plc::kFrame);
  }
  return out;
}

}  // namespace

void initJbBinding(Napi::Env env, Napi::Object media) {
  media.Set("JitterBuffer", JbWrap::define(env));
  media.Set("plcConceal", Napi::Function::New(env, PlcConceal, "plcConceal"));
  media.Set("plcDelaySamples", Napi::Number::New(env, G711Plc::kOverlapMax));
}

}  // namespace tandem::media
