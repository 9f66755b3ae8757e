using System.Threading.Tasks;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Catalog.Tests;

/// <summary>
/// The LLM and generative-AI families (Microsoft.Extensions.AI and its evaluation library, Semantic
/// Kernel, OpenAI and Azure OpenAI, ONNX Runtime GenAI, LLamaSharp) on their newest served versions.
/// </summary>
public sealed class GenerativeAiFamilyTests
{
    [Fact]
    public Task HostingAndCallingModelsHasNoDiagnostics() => RealCode.VerifyAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using LLama;
        using LLama.Common;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.ML.OnnxRuntimeGenAI;
        using Microsoft.SemanticKernel;
        using MlAtScale;
        using OpenAI;
        using OpenAIChat = OpenAI.Chat;

        namespace Support.Serving
        {
            [Production]
            public static class AssistantHost
            {
                public static WebApplication Build(string[] args, IChatClient hostedModel, OpenAIClient openAi)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddChatClient(hostedModel);
                    builder.Services.AddKernel();
                    var app = builder.Build();
                    OpenAIChat.ChatClient gpt = openAi.GetChatClient("gpt-4o-mini");

                    app.MapPost("/ask", async (string question, IChatClient chat) => (await chat.GetResponseAsync(question)).Text);
                    app.MapPost("/summarise", async (string text, Kernel kernel) =>
                        (await kernel.InvokePromptAsync("Summarise for a support agent: {{$input}}", new KernelArguments { ["input"] = text })).GetValue<string>());
                    app.MapPost("/draft", async (string ticket) =>
                        (await gpt.CompleteChatAsync(new OpenAIChat.UserChatMessage(ticket))).Value.Content[0].Text);
                    return app;
                }
            }

            [Production]
            public sealed class LocalModels
            {
                public async Task<string> GenerateWithLlamaAsync(string ggufPath, string prompt)
                {
                    var parameters = new ModelParams(ggufPath) { ContextSize = 2048 };
                    using var weights = LLamaWeights.LoadFromFile(parameters);
                    var executor = new StatelessExecutor(weights, parameters);
                    var answer = new System.Text.StringBuilder();
                    await foreach (var piece in executor.InferAsync(prompt, new InferenceParams { MaxTokens = 64 }))
                    {
                        answer.Append(piece);
                    }

                    return answer.ToString();
                }

                public string GenerateWithOnnx(string modelFolder, string prompt)
                {
                    using var model = new Model(modelFolder);
                    using var tokenizer = new Tokenizer(model);
                    using var settings = new GeneratorParams(model);
                    settings.SetSearchOption("max_length", 128);
                    using var generator = new Generator(model, settings);
                    generator.AppendTokenSequences(tokenizer.Encode(prompt));
                    while (!generator.IsDone())
                    {
                        generator.GenerateNextToken();
                    }

                    return tokenizer.Decode(generator.GetSequence(0));
                }
            }

            // Business Analysis calls a hosted model too: inference is a contract.
            [BusinessAnalysis]
            public sealed class KpiNarrative
            {
                public async Task<string> ExplainAsync(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>> embeddings, double churnRate)
                {
                    var similar = await embeddings.GenerateVectorAsync($"churn {churnRate:P1}");
                    var reply = await chat.GetResponseAsync(new List<ChatMessage> { new(ChatRole.User, $"Explain a churn rate of {churnRate:P1} ({similar.Length} dims of context).") });
                    return reply.Text;
                }
            }
        }
        """);

    [Fact]
    public Task EvaluatingAndFineTuningHasNoDiagnostics() => RealCode.VerifyAsync("""
        #pragma warning disable OPENAI001
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.AI.Evaluation;
        using MlAtScale;
        using OpenAI;
        using OpenAI.FineTuning;

        namespace Support.Modelling
        {
            [DataScience]
            public sealed class AnswerQuality
            {
                public async Task<double> ScoreAsync(IChatClient candidate, IChatClient judge, IEvaluator evaluator, string question)
                {
                    var messages = new List<ChatMessage> { new(ChatRole.User, question) };
                    ChatResponse answer = await candidate.GetResponseAsync(messages);
                    EvaluationResult result = await evaluator.EvaluateAsync(messages, answer, new ChatConfiguration(judge));
                    return result.Get<NumericMetric>("Relevance").Value ?? 0;
                }

                public async Task<string> FineTuneAsync(OpenAIClient openAi, AzureOpenAIClient azure, string trainingFileId, bool onAzure)
                {
                    FineTuningClient tuning = onAzure ? azure.GetFineTuningClient() : openAi.GetFineTuningClient();
                    FineTuningJob job = await tuning.FineTuneAsync("gpt-4o-mini", trainingFileId, waitUntilCompleted: false);
                    return job.JobId;
                }
            }
        }
        """);

    [Fact]
    public Task CrossRoleUsesOfGenerativeAiFamiliesAreReported() => RealCode.VerifyAsync("""
        #pragma warning disable OPENAI001
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.AI.Evaluation;
        using Microsoft.Extensions.DependencyInjection;
        using MlAtScale;
        using OpenAI;

        namespace Support.Mixed
        {
            // A serving endpoint that starts a fine-tuning job.
            [Production]
            public sealed class RetrainOnFeedback
            {
                public Task Start(OpenAIClient openAi, string feedbackFileId) =>
                    openAi.{|#0:GetFineTuningClient|}().{|#1:FineTuneAsync|}("gpt-4o-mini", feedbackFileId, waitUntilCompleted: false);
            }

            // An experiment that registers the production chat client and its own Semantic Kernel host.
            [DataScience]
            public sealed class PromptExperiment
            {
                public void Configure(IServiceCollection services, IChatClient model)
                {
                    services.{|#2:AddChatClient|}(model);
                    services.{|#3:AddKernel|}();
                }
            }

            // An ETL step that grades answers with an evaluator.
            [DataEngineering]
            public sealed class TranscriptCleaner
            {
                public async Task<bool> KeepAsync(IChatClient chat, {|#4:IEvaluator|} evaluator, string transcript)
                {
                    var messages = new[] { new ChatMessage(ChatRole.User, transcript) };
                    var result = await evaluator.{|#5:EvaluateAsync|}(messages, await chat.GetResponseAsync(messages));
                    return result.{|#6:Metrics|}.Count > 0;
                }
            }
        }
        """,
        VerifyCS.Diagnostic("MLR0001").WithLocation(0).WithArguments("RetrainOnFeedback.Start", "Production", "OpenAIClient.GetFineTuningClient", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(1).WithArguments("RetrainOnFeedback.Start", "Production", "FineTuningClient.FineTuneAsync", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(2).WithArguments("PromptExperiment.Configure", "DataScience", "ChatClientBuilderServiceCollectionExtensions.AddChatClient", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(3).WithArguments("PromptExperiment.Configure", "DataScience", "KernelServiceCollectionExtensions.AddKernel", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(4).WithArguments("TranscriptCleaner.KeepAsync", "DataEngineering", "IEvaluator", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(5).WithArguments("TranscriptCleaner.KeepAsync", "DataEngineering", "IEvaluator.EvaluateAsync", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(6).WithArguments("TranscriptCleaner.KeepAsync", "DataEngineering", "EvaluationResult.Metrics", "DataScience"));
}
