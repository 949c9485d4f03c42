// The TdmEngine JS class (export group "engine"), shared by its translation units: engine_binding.cc
// (construction, events, statistics, close, the C++ access of engine_binding.h), engine_span_binding.cc
// (span commands and status) and engine_channel_binding.cc (signalling channel commands and counters).
// Internal to the binding; other components use engine_binding.h.
#pragma once

#include <napi.h>

#include <map>
#include <memory>
#include <string>

#include "binding/engine_binding.h"
#include "binding/errors.h"
#include "core/channel_registry.h"
#include "core/command.h"
#include "core/engine.h"
#include "core/event.h"
#include "core/span.h"

namespace tandem::engine_binding {

using core::Command;
using core::CommandType;
using core::Engine;
using core::Event;
using core::EventType;
using core::Span;

class EngineWrap;
void callJs(Napi::Env env, Napi::Function cb, EngineWrap* ctx, void* data);
using Tsfn = Napi::TypedThreadSafeFunction<EngineWrap, void, callJs>;

class TsfnNotifier final : public core::Notifier {
 public:
  Tsfn tsfn;
  void notify() override { tsfn.NonBlockingCall(static_cast<void*>(nullptr)); }
};

struct ChannelEntry {
  Span* span;
  uint32_t spanHandle;
  int ts;
  SignallingChannel* channel;
};

inline int32_t intArg(Napi::Env env, const Napi::Value& v, const char* what) {
  if (!v.IsNumber()) throwType(env, std::string(what) + " must be a number");
  double d = v.As<Napi::Number>().DoubleValue();
  if (d != static_cast<double>(static_cast<int64_t>(d))) throwType(env, std::string(what) + " must be an integer");
  return v.As<Napi::Number>().Int32Value();
}

inline int32_t intProp(Napi::Env env, const Napi::Object& o, const char* key, int32_t lo, int32_t hi) {
  int32_t v = intArg(env, o.Get(key), key);
  if (v < lo || v > hi) throwRange(env, std::string(key) + " must be " + std::to_string(lo) + ".." + std::to_string(hi));
  return v;
}

inline std::string strProp(Napi::Env env, const Napi::Object& o, const char* key) {
  Napi::Value v = o.Get(key);
  if (!v.IsString()) throwType(env, std::string(key) + " must be a string");
  return v.As<Napi::String>().Utf8Value();
}

inline bool boolProp(Napi::Env env, const Napi::Object& o, const char* key) {
  Napi::Value v = o.Get(key);
  if (!v.IsBoolean()) throwType(env, std::string(key) + " must be a boolean");
  return v.As<Napi::Boolean>().Value();
}

class EngineWrap : public Napi::ObjectWrap<EngineWrap> {
 public:
  static Napi::Function define(Napi::Env env);
  explicit EngineWrap(const Napi::CallbackInfo& info);
  ~EngineWrap() override { shutdown(); }
  Engine* engine(Napi::Env env);
  Span* span(Napi::Env env, const Napi::Value& v);
  void post(Napi::Env env, Command& c);
  void dispatch(Napi::Env env, Napi::Function cb);
  Napi::Array drainEvents(Napi::Env env);

 private:
  Napi::Value toJs(Napi::Env env, const Event& e);
  Napi::Value stats(const Napi::CallbackInfo& info);
  Napi::Value resetStats(const Napi::CallbackInfo& info);
  Napi::Value drain(const Napi::CallbackInfo& info);
  Napi::Value close(const Napi::CallbackInfo& info);
  void shutdown();
  Napi::Value closed(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), !engine_); }

  // engine_span_binding.cc
  Napi::Value addSpan(const Napi::CallbackInfo& info);
  Napi::Value removeSpan(const Napi::CallbackInfo& info);
  Napi::Value spanCommand(const Napi::CallbackInfo& info, CommandType type, int64_t a);
  Napi::Value setBert(const Napi::CallbackInfo& info);
  Napi::Value setTxEnabled(const Napi::CallbackInfo& info);
  Napi::Value injectErrors(const Napi::CallbackInfo& info);
  Napi::Value spanStatus(const Napi::CallbackInfo& info);

  // engine_channel_binding.cc
  Napi::Value openChannel(const Napi::CallbackInfo& info);
  ChannelEntry& channel(Napi::Env env, const Napi::Value& v);
  Napi::Value closeChannel(const Napi::CallbackInfo& info);
  static void copyData(Napi::Env env, const Napi::Value& v, Command& c);
  Napi::Value channelCommand(const Napi::CallbackInfo& info);
  Napi::Value sendFrame(const Napi::CallbackInfo& info);
  Napi::Value channelCounters(const Napi::CallbackInfo& info);

  std::unique_ptr<TsfnNotifier> notifier_;
  std::unique_ptr<Engine> engine_;
  std::map<uint32_t, Span*> spans_;
  std::map<uint32_t, ChannelEntry> channels_;
  uint32_t lastHandle_ = 0;
  uint32_t lastId_ = 0;

  friend core::Engine* tandem::unwrapEngine(Napi::Env, Napi::Value);
  friend void tandem::attachBearer(Napi::Env, Napi::Value, uint32_t, int, core::BearerConsumer*);
  friend void tandem::detachBearer(Napi::Env, Napi::Value, uint32_t, int, void (*)(void*), void*);
};

}  // namespace tandem::engine_binding
