using System.CommandLine;

namespace Kamino.Host.Demo;

/// <summary><c>kamino demo</c>: creates the demo workspace once.</summary>
public static class DemoCommand
{
    public static Command Create() => new("demo", "Create the demo workspace 'demo' (an electric-motorbike rental company), once");
}
