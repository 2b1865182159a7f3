import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useApiError } from '../../components/useApiError';

/** A change to people: on success the list refreshes and a short confirmation shows. */
export function useUserMutation<V, R>(mutationFn: (values: V) => Promise<R>, success: string, form?: FormInstance, onDone?: () => void) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void message.success(success);
      void queryClient.invalidateQueries({ queryKey: ['users.list'] });
      void queryClient.invalidateQueries({ queryKey: ['users.directory'] });
      onDone?.();
    },
    onError: (error) => showError(error, form),
  });
}
