// Binding of the TDM engine (export group "engine"): class TdmEngine (engine_wrap.h; span commands in
// engine_span_binding.cc, signalling channel commands in engine_channel_binding.cc). Typed face:
// src/native/types/engine.ts. Arguments are validated by the TS wrapper and re-checked here cheaply;
// errors keep their class (errors.h): TypeError / RangeError for bad arguments, InvalidStateError
// after close(), TandemNativeError with a code for domain failures (EADDRINUSE, ESPAN_UNKNOWN, ...).
#include "binding/engine_binding.h"

#include <memory>
#include <string>

#include "binding/engine_wrap.h"
#include "binding/errors.h"
#include "binding/module_registry.h"

namespace tandem {
namespace engine_binding {

namespace {

const char* warningName(uint32_t code) {
  switch (static_cast<core::EngineWarningCode>(code)) {
    case core::EngineWarningCode::RealtimePriorityFailed: return "realtimePriorityFailed";
    case core::EngineWarningCode::CpuAffinityFailed: return "cpuAffinityFailed";
    case core::EngineWarningCode::TicksSkipped: return "ticksSkipped";
  }
  return "unknown";
}

}  // namespace

Napi::Function EngineWrap::define(Napi::Env env) {
  return DefineClass(env, "TdmEngine",
                     {
                         InstanceMethod<&EngineWrap::addSpan>("addSpan"),
                         InstanceMethod<&EngineWrap::removeSpan>("removeSpan"),
                         InstanceMethod<&EngineWrap::openChannel>("openChannel"),
                         InstanceMethod<&EngineWrap::closeChannel>("closeChannel"),
                         InstanceMethod<&EngineWrap::channelCommand>("channelCommand"),
                         InstanceMethod<&EngineWrap::sendFrame>("sendFrame"),
                         InstanceMethod<&EngineWrap::setBert>("setBert"),
                         InstanceMethod<&EngineWrap::injectErrors>("injectErrors"),
                         InstanceMethod<&EngineWrap::setTxEnabled>("setTxEnabled"),
                         InstanceMethod<&EngineWrap::spanStatus>("spanStatus"),
                         InstanceMethod<&EngineWrap::channelCounters>("channelCounters"),
                         InstanceMethod<&EngineWrap::stats>("stats"),
                         InstanceMethod<&EngineWrap::resetStats>("resetStats"),
                         InstanceMethod<&EngineWrap::drain>("drain"),
                         InstanceMethod<&EngineWrap::close>("close"),
                         InstanceAccessor<&EngineWrap::closed>("closed"),
                     });
}

// new TdmEngine({ realtimePriority, cpu, eventCapacity? }, onEvents)
EngineWrap::EngineWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<EngineWrap>(info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsObject() || !info[1].IsFunction())
    throwType(env, "new TdmEngine(options, onEvents): options must be an object and onEvents a function");
  Napi::Object o = info[0].As<Napi::Object>();
  core::EngineConfig cfg;
  cfg.realtimePriority = intProp(env, o, "realtimePriority", 0, 99);
  cfg.cpu = intProp(env, o, "cpu", -1, 1023);
  if (o.Has("eventCapacity") && !o.Get("eventCapacity").IsUndefined()) {
    int32_t cap = intProp(env, o, "eventCapacity", 64, 1 << 20);
    size_t p2 = 64;
    while (p2 < static_cast<size_t>(cap)) p2 <<= 1;
    cfg.eventCapacity = p2;
  }
  notifier_ = std::make_unique<TsfnNotifier>();
  notifier_->tsfn = Tsfn::New(env, info[1].As<Napi::Function>(), "tandem-tdm-engine", 0, 1, this);
  engine_ = std::make_unique<Engine>(cfg, notifier_.get());
  engine_->start();
}

Engine* EngineWrap::engine(Napi::Env env) {
  if (!engine_) throwInvalidState(env, "the TDM engine is closed");
  return engine_.get();
}

Span* EngineWrap::span(Napi::Env env, const Napi::Value& v) {
  engine(env);
  uint32_t h = static_cast<uint32_t>(intArg(env, v, "span"));
  auto it = spans_.find(h);
  if (it == spans_.end()) throwDomain(env, "ESPAN_UNKNOWN", "no span with handle " + std::to_string(h));
  return it->second;
}

void EngineWrap::post(Napi::Env env, Command& c) {
  c.id = ++lastId_;
  if (!engine(env)->post(c)) throwDomain(env, "EQUEUE_FULL", "the engine's command queue is full");
}

void EngineWrap::dispatch(Napi::Env env, Napi::Function cb) {
  if (!engine_) return;
  Napi::Array events = drainEvents(env);
  if (events.Length() > 0) cb.Call({events});
}

Napi::Array EngineWrap::drainEvents(Napi::Env env) {
  Napi::Array out = Napi::Array::New(env);
  if (!engine_) return out;
  engine_->clearSignal();
  engine_->releaseRetired();
  auto& ring = engine_->events();
  uint32_t i = 0;
  while (Event* e = ring.front()) {
    out.Set(i++, toJs(env, *e));
    ring.pop();
  }
  return out;
}

Napi::Value EngineWrap::toJs(Napi::Env env, const Event& e) {
  Napi::Object o = Napi::Object::New(env);
  switch (e.type) {
    case EventType::SpanAligned:
    case EventType::SpanMfAligned:
      o.Set("type", e.type == EventType::SpanAligned ? "aligned" : "mfAligned");
      o.Set("span", e.handle);
      o.Set("aligned", e.a != 0);
      o.Set("afterMs", static_cast<double>(e.b));
      o.Set("bufferMs", static_cast<double>(e.code));
      break;
    case EventType::SpanAlarm:
      o.Set("type", "alarm");
      o.Set("span", e.handle);
      o.Set("alarm", core::alarmName(static_cast<core::Alarm>(e.code & 3)));
      o.Set("raised", e.a != 0);
      break;
    case EventType::SpanCrc4Fallback:
      o.Set("type", "crc4Fallback");
      o.Set("span", e.handle);
      break;
    case EventType::SpanRemoved:
      o.Set("type", "removed");
      o.Set("span", e.handle);
      break;
    case EventType::ChannelFrame:
      o.Set("type", "frame");
      o.Set("channel", e.handle);
      o.Set("data", Napi::Buffer<uint8_t>::Copy(env, e.data, e.len));
      break;
    case EventType::ChannelEvent:
      o.Set("type", "channel");
      o.Set("channel", e.handle);
      o.Set("code", e.code);
      o.Set("a", static_cast<double>(e.a));
      o.Set("b", static_cast<double>(e.b));
      o.Set("data", Napi::Buffer<uint8_t>::Copy(env, e.data, e.len));
      break;
    case EventType::EngineWarning:
      o.Set("type", "warning");
      o.Set("warning", warningName(e.code));
      o.Set("detail", static_cast<double>(e.a));
      break;
    case EventType::CommandFailed:
      o.Set("type", "commandFailed");
      o.Set("id", static_cast<double>(e.a));
      o.Set("code", e.code);
      break;
  }
  return o;
}

Napi::Value EngineWrap::stats(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Engine* e = engine(env);
  const core::TickStats& t = e->tickStats();
  Napi::Object o = Napi::Object::New(env);
  auto num = [&](const char* k, double v) { o.Set(k, Napi::Number::New(env, v)); };
  num("ticks", static_cast<double>(e->ticks()));
  num("ticksSkipped", static_cast<double>(e->ticksSkipped()));
  num("samples", static_cast<double>(t.count()));
  num("lateP50Us", static_cast<double>(t.percentileUs(0.5)));
  num("lateP99Us", static_cast<double>(t.percentileUs(0.99)));
  num("lateMaxUs", static_cast<double>(t.maxUs()));
  num("workMaxUs", static_cast<double>(e->tickWorkMaxUs()));
  num("threadCpuUs", static_cast<double>(e->threadCpuUs()));
  num("eventsDropped", static_cast<double>(e->eventsDropped()));
  num("commandsApplied", static_cast<double>(e->commandsApplied()));
  num("spans", static_cast<double>(spans_.size()));
  return o;
}

Napi::Value EngineWrap::resetStats(const Napi::CallbackInfo& info) {
  Command c;
  c.type = CommandType::ResetStats;
  post(info.Env(), c);
  return info.Env().Undefined();
}

Napi::Value EngineWrap::drain(const Napi::CallbackInfo& info) {
  engine(info.Env());
  return drainEvents(info.Env());
}

Napi::Value EngineWrap::close(const Napi::CallbackInfo& info) {
  shutdown();
  return info.Env().Undefined();
}

// Stop the RT thread, then free everything it owned (drivers and pcap files closed), then let the
// event loop go. Idempotent.
void EngineWrap::shutdown() {
  if (!engine_) return;
  engine_->stop();
  engine_.reset();
  spans_.clear();
  channels_.clear();
  notifier_->tsfn.Release();
}

void callJs(Napi::Env env, Napi::Function cb, EngineWrap* ctx, void*) {
  if (env == nullptr || ctx == nullptr) return;
  ctx->dispatch(env, cb);
}

}  // namespace engine_binding

namespace {

using engine_binding::EngineWrap;
using core::Command;
using core::CommandType;
using core::Engine;
using core::Span;

Napi::FunctionReference* engineCtor = nullptr;

void InitEngineExports(Napi::Env env, Napi::Object exports) {
  Napi::Function ctor = EngineWrap::define(env);
  exports.Set("TdmEngine", ctor);
  Napi::Array kinds = Napi::Array::New(env);
  exports.Set("engineConstants", [&] {
    Napi::Object c = Napi::Object::New(env);
    c.Set("maxCommandPayload", static_cast<double>(core::kMaxCommandPayload));
    c.Set("maxEventPayload", static_cast<double>(core::kMaxEventPayload));
    c.Set("maxSpans", static_cast<double>(Engine::kMaxSpans));
    return c;
  }());
  (void)kinds;
  engineCtor = new Napi::FunctionReference(Napi::Persistent(ctor));
}

EngineWrap* unwrap(Napi::Env env, Napi::Value v) {
  if (!v.IsObject() || engineCtor == nullptr || !v.As<Napi::Object>().InstanceOf(engineCtor->Value()))
    throwType(env, "expected a TdmEngine");
  return Napi::ObjectWrap<EngineWrap>::Unwrap(v.As<Napi::Object>());
}

}  // namespace

core::Engine* unwrapEngine(Napi::Env env, Napi::Value v) { return unwrap(env, v)->engine(env); }

void attachBearer(Napi::Env env, Napi::Value engine, uint32_t spanHandle, int ts, core::BearerConsumer* consumer) {
  EngineWrap* w = unwrap(env, engine);
  Span* s = w->span(env, Napi::Number::New(env, spanHandle));
  if (!s->isBearer(ts)) throwDomain(env, "ETIMESLOT", "timeslot " + std::to_string(ts) + " is not a bearer timeslot");
  Command c;
  c.type = CommandType::AttachBearer;
  c.target = s;
  c.ptr = consumer;
  c.a = ts;
  w->post(env, c);
}

void detachBearer(Napi::Env env, Napi::Value engine, uint32_t spanHandle, int ts, void (*release)(void*), void* ctx) {
  EngineWrap* w = unwrap(env, engine);
  Span* s = w->span(env, Napi::Number::New(env, spanHandle));
  Command c;
  c.type = CommandType::DetachBearer;
  c.target = s;
  c.a = ts;
  c.fn = release;
  c.ptr = ctx;
  w->post(env, c);
}

TANDEM_REGISTER_EXPORTS("engine", InitEngineExports);

}  // namespace tandem
