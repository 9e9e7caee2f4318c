using System.CommandLine;

namespace Kamino.Host.Web;

/// <summary><c>kamino serve</c>: the web app and HTTP API.</summary>
public static class ServeCommand
{
    public static Command Create() => new("serve", "Serve the web app and the HTTP API");
}
