using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Sip.Workflow.AspNetCore.Tests;

public sealed class HostingTests
{
    [Fact]
    public void MapSipWorkflow_WithoutTheEndpointServices_SaysWhatToRegister()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddSipWorkflow().UseInMemoryStore();
        var app = builder.Build();

        var map = () => app.MapSipWorkflow();

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddSipWorkflowEndpoints*");
    }

    [Fact]
    public void MapSipWorkflow_WithoutTheEngine_SaysWhatToRegister()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddSipWorkflowEndpoints(_ => null);
        var app = builder.Build();

        var map = () => app.MapSipWorkflow();

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddSipWorkflow(*");
    }

    [Fact]
    public void MapSipWorkflowAdministration_WithoutTheEndpointServices_SaysWhatToRegister()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddSipWorkflow().UseInMemoryStore();
        var app = builder.Build();

        var map = () => app.MapSipWorkflowAdministration("/sip-admin");

        map.Should().Throw<InvalidOperationException>().WithMessage("MapSipWorkflowAdministration cannot map*AddSipWorkflowEndpoints*");
    }

    [Fact]
    public void Registering_Twice_AddsOneHandlerAndTheLastResolverWins()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSipWorkflowEndpoints(_ => null);
        services.AddSipWorkflowProblemDetails();
        services.AddSipWorkflowEndpoints<FixedActor>();
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IExceptionHandler>().Should().ContainSingle();
        using var scope = provider.CreateScope();
        scope.ServiceProvider.GetRequiredService<ISipActorResolver>().Should().BeOfType<FixedActor>();
    }

    [Fact]
    public void RetryAfter_OutOfRange_FailsAtStartWithOneMessage()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSipWorkflowProblemDetails(o => o.RetryAfter = TimeSpan.FromMilliseconds(500));
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<SipWorkflowHttpOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*RetryAfter*whole seconds*");
    }

    private sealed class FixedActor : ISipActorResolver
    {
        public ValueTask<SipActor?> ResolveAsync(Microsoft.AspNetCore.Http.HttpContext context)
            => ValueTask.FromResult<SipActor?>(new SipActor { UserId = "u", Organisation = "o", Role = "r" });
    }
}
