using ControlPlane.VhdTool;

return CommandLine.Run(args, Console.Out, Console.Error);
