using System.ClientModel;
using Assay.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using OpenAI;

namespace Assay.Core.Tests.Judges.Safety;

/// <summary>A judge model reached over real HTTP: the simulated OpenAI-compatible server behind the OpenAI SDK client.</summary>
internal static class GuardEndpoint
{
    public static ChatConfiguration Connect(SimulatedOpenAIServer server) =>
        new(new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = server.BaseUrl })
            .GetChatClient("guard").AsIChatClient());
}
